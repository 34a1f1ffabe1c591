package objectstore.harness;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import objectstore.provisioning.StoreInfo;
import org.HdrHistogram.Histogram;

/** One phase of one round, as measured; and a phase's rounds, summarized into its {@link PhaseResult}. */
record Round(
        int items,
        Recorder recorder,
        long elapsedNanos,
        long cpuNanos,
        long allocatedBytes,
        long retries,
        long connectionsOpened,
        Resources.Share cores,
        Instant startedAt,
        Instant endedAt) {

    double itemsPerSecond() {
        return items / (elapsedNanos / 1e9);
    }

    /*
     * A phase with errors shows no rate: a phase that failed fast is not a fast phase.
     */
    String line(String op, int size) {
        Histogram h = recorder.latencyMicros();
        if (recorder.errors() > 0) {
            return String.format(
                    "%-34s %7d in %6.2f s  FAILED: verified %d, errors %d%s",
                    op,
                    items,
                    elapsedNanos / 1e9,
                    recorder.verified(),
                    recorder.errors(),
                    recorder.failures().isEmpty()
                            ? ""
                            : "; first: " + recorder.failures().getFirst());
        }
        return String.format(
                        "%-34s %7d in %6.2f s %9.0f items/s %7.1f MiB/s  p50 %6.2f ms  p99 %7.2f ms"
                                + "  cpu %6.0f µs/op  %6.0f B/op  verified %d  errors %d",
                        op,
                        items,
                        elapsedNanos / 1e9,
                        itemsPerSecond(),
                        itemsPerSecond() * size / 1048576.0,
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        cpuNanos / 1000.0 / Math.max(1, items),
                        (double) allocatedBytes / Math.max(1, items),
                        recorder.verified(),
                        recorder.errors())
                + (retries > 0 ? "  retries " + retries : "")
                + (connectionsOpened > 0 ? "  connections opened " + connectionsOpened : "");
    }

    /** A phase's counted rounds as its result: the median round's rate, every round's latencies. */
    static PhaseResult summarize(Phase phase, List<Round> rounds, Options options, StoreInfo store) {
        double[] rates = rounds.stream().mapToDouble(Round::itemsPerSecond).toArray();
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        Round median = rounds.stream()
                .filter(r -> r.itemsPerSecond() == sorted[(sorted.length - 1) / 2])
                .findFirst()
                .orElseThrow();
        double spread = median.itemsPerSecond() > 0
                ? 100 * (sorted[sorted.length - 1] - sorted[0]) / median.itemsPerSecond()
                : 0;
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        List<String> failures = new ArrayList<>();
        long errors = 0;
        long retried = 0;
        long opened = 0;
        long verified = Long.MAX_VALUE;
        double clientCoreSeconds = 0;
        double storeCoreSeconds = 0;
        double otherCoreSeconds = 0;
        double seconds = 0;
        for (Round round : rounds) {
            latency.add(round.recorder().latencyMicros());
            service.add(round.recorder().serviceMicros());
            errors += round.recorder().errors();
            retried += round.retries();
            opened = opened < 0 || round.connectionsOpened() < 0 ? -1 : opened + round.connectionsOpened();
            verified = Math.min(verified, round.recorder().verified());
            for (String failure : round.recorder().failures()) {
                if (failures.size() < Recorder.FAILURES_KEPT) {
                    failures.add(failure);
                }
            }
            double s = round.elapsedNanos() / 1e9;
            seconds += s;
            clientCoreSeconds += round.cores().client() * s;
            storeCoreSeconds +=
                    round.cores().store() == null ? 0 : round.cores().store() * s;
            otherCoreSeconds +=
                    round.cores().other() == null ? 0 : round.cores().other() * s;
        }
        Resources.Share last = rounds.getLast().cores();
        PhaseResult.Cores cores = new PhaseResult.Cores(
                Harness.round2(clientCoreSeconds / seconds),
                last.store() == null ? null : Harness.round2(storeCoreSeconds / seconds),
                last.other() == null ? null : Harness.round2(otherCoreSeconds / seconds));
        boolean openLoop = options.rate() > 0;
        return new PhaseResult(
                phase.op(),
                phase.kind(),
                phase.loop(),
                options.iterations(),
                rounds.size(),
                errors,
                verified,
                Harness.round2(median.itemsPerSecond()),
                Harness.round2(sorted[0]),
                Harness.round2(sorted[sorted.length - 1]),
                Harness.round2(spread),
                spread <= Harness.STEADY_SPREAD_PERCENT,
                Harness.round2(median.itemsPerSecond() * options.size() / (1024.0 * 1024.0)),
                Harness.round3(median.elapsedNanos() / 1e9),
                PhaseResult.Latency.of(latency),
                openLoop ? PhaseResult.Latency.of(service) : null,
                openLoop ? (double) options.rate() : null,
                Harness.round2(median.cpuNanos() / 1000.0 / Math.max(1, median.items())),
                Math.round((double) median.allocatedBytes() / Math.max(1, median.items())),
                cores,
                Harness.limitedBy(cores, store.product()),
                Arrays.stream(rates).map(Harness::round2).boxed().toList(),
                failures,
                retried,
                millis(rounds.getFirst().startedAt()),
                millis(rounds.getLast().endedAt()),
                Harness.encode(latency),
                openLoop ? Harness.encode(service) : null,
                opened < 0 ? null : opened);
    }

    private static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
