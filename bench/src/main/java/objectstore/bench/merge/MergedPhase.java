package objectstore.bench.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import objectstore.harness.Harness;
import objectstore.harness.PhaseResult;
import objectstore.store.UserError;
import org.HdrHistogram.Histogram;

/** One phase of the merged run, from the same phase of every host. */
final class MergedPhase {

    private MergedPhase() {}

    /*
     * Counts add up: items, errors and verified operations are sums, so the merged phase passed only if
     * every host's did. Latencies come from the hosts' histograms added together, which is exact: the
     * merged p99 is the p99 of every operation of every host, not an average of p99s (which has no
     * meaning). Rates add round by round (RATE_RULE). CPU and allocation per operation are per client
     * process, so they are averaged over the operations; the client's cores add up.
     */
    static PhaseResult of(List<Named> parts, int size) {
        PhaseResult first = parts.getFirst().phase();
        int rounds = first.roundItemsPerSecond().size();
        int items = 0;
        long errors = 0;
        long verified = 0;
        long retries = 0;
        double cpu = 0;
        double allocated = 0;
        double clientCores = 0;
        double[] roundRates = new double[rounds];
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        boolean openLoop = parts.stream().allMatch(p -> p.phase().serviceLatencyHistogram() != null);
        Double offered = parts.stream().allMatch(p -> p.phase().offeredPerSecond() != null)
                ? parts.stream().mapToDouble(p -> p.phase().offeredPerSecond()).sum()
                : null;
        List<String> failures = new ArrayList<>();
        // tag::add-up[]
        for (Named part : parts) {
            PhaseResult p = part.phase();
            items += p.items();
            errors += p.errors();
            verified += p.verified();
            retries += p.retries();
            cpu += p.cpuMicrosPerOp() * p.items();
            allocated += p.allocatedBytesPerOp() * p.items();
            clientCores += p.cores().client();
            for (int r = 0; r < rounds; r++) {
                roundRates[r] += p.roundItemsPerSecond().get(r);
            }
            latency.add(decode(part, "latencyHistogram", p.latencyHistogram()));
            if (openLoop) {
                service.add(decode(part, "serviceLatencyHistogram", p.serviceLatencyHistogram()));
            }
            p.failures().stream().limit(FAILURES_PER_HOST).forEach(f -> failures.add(part.host() + ": " + f));
        }
        // end::add-up[]
        double[] sorted = roundRates.clone();
        Arrays.sort(sorted);
        double median = sorted[(sorted.length - 1) / 2];
        double spread = median > 0 ? 100 * (sorted[sorted.length - 1] - sorted[0]) / median : 0;
        Instant from = parts.stream().map(Named::start).min(Instant::compareTo).orElseThrow();
        Instant to = parts.stream().map(Named::end).max(Instant::compareTo).orElseThrow();
        return new PhaseResult(
                first.op(),
                first.kind(),
                first.loop(),
                items,
                first.rounds(),
                errors,
                verified,
                RunMerger.round2(median),
                RunMerger.round2(sorted[0]),
                RunMerger.round2(sorted[sorted.length - 1]),
                RunMerger.round2(spread),
                spread <= Harness.STEADY_SPREAD_PERCENT,
                RunMerger.round2(median * size / (1024.0 * 1024.0)),
                median > 0 ? RunMerger.round3(items / median) : 0,
                PhaseResult.Latency.of(latency),
                openLoop ? PhaseResult.Latency.of(service) : null,
                offered,
                RunMerger.round2(cpu / Math.max(1, items)),
                Math.round(allocated / Math.max(1, items)),
                new PhaseResult.Cores(RunMerger.round2(clientCores), null, null),
                limitedBy(parts),
                Arrays.stream(roundRates).map(RunMerger::round2).boxed().toList(),
                List.copyOf(failures),
                retries,
                RunMerger.millis(from),
                RunMerger.millis(to),
                Histograms.encode(latency),
                openLoop ? Histograms.encode(service) : null,
                parts.stream().allMatch(p -> p.phase().connectionsOpened() != null)
                        ? parts.stream()
                                .mapToLong(p -> p.phase().connectionsOpened())
                                .sum()
                        : null);
    }

    /** Failures kept per host: the same few a host's own result keeps. */
    private static final int FAILURES_PER_HOST = 5;

    private static Histogram decode(Named part, String field, String base64) {
        try {
            return Histograms.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UserError(part.host() + ": phase " + part.phase().op() + "'s " + field + " is " + e.getMessage());
        }
    }

    /** The hosts' answers: one when they agree, else each with the hosts that gave it. */
    private static String limitedBy(List<Named> parts) {
        Map<String, List<String>> byAnswer = new LinkedHashMap<>();
        for (Named part : parts) {
            byAnswer.computeIfAbsent(String.valueOf(part.phase().limitedBy()), a -> new ArrayList<>())
                    .add(part.host());
        }
        if (byAnswer.size() == 1) {
            return byAnswer.keySet().iterator().next();
        }
        return byAnswer.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }
}
