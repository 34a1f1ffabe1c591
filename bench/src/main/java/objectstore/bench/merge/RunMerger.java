package objectstore.bench.merge;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import objectstore.harness.Harness;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.store.UserError;
import org.HdrHistogram.Histogram;

/**
 * The rules by which the results of several client hosts (runs of one experiment with the same settings against one
 * store) become one results JSON; docs/results-json.md, "Merged results", says them in prose.
 */
public final class RunMerger {

    /** A host's result, and the name it goes by in the merged result (its file's name without .json). */
    public record Host(String name, String file, RunResult run) {}

    /** The merged run (the fields every results JSON has) and what the merge adds. */
    public record Merged(RunResult run, MergeRecord merge) {}

    /** Below this share of a host's phase run with every host running, the summed rate is said to overstate. */
    public static final double LOW_OVERLAP_PERCENT = 50;

    /**
     * How far the hosts' clocks are taken to agree unless told otherwise (--clock-skew-ms): NTP on one network does
     * better.
     */
    public static final long DEFAULT_CLOCK_SKEW_MS = 100;

    static final String RATE_RULE = "per round, the sum of the hosts' rates in that round (each host's items over its"
            + " own round's wall-clock time), then the median round, as for one host; it is the rate the store served"
            + " all the hosts together only while all of them were running the phase: see each phase's shared window"
            + " and overlapPercent";

    private RunMerger() {}

    /**
     * Merges {@code hosts} (at least two). Runs of different experiments, settings or phases are a {@link UserError};
     * anything that makes the merged rate doubtful is a warning in the result.
     */
    public static Merged merge(List<Host> hosts, long clockSkewAllowanceMs) {
        if (hosts.size() < 2) {
            throw new UserError("--merge needs the results of at least two hosts, got " + hosts.size());
        }
        Host first = hosts.getFirst();
        MergeChecks.requireMergeable(hosts);
        List<String> warnings = new ArrayList<>();
        MergeChecks.warnIfDifferent(
                hosts,
                "store",
                h -> h.run().store().endpoint(),
                warnings,
                "merge runs against one store, or say why these endpoints are one store");
        MergeChecks.warnIfDifferent(
                hosts, "client", h -> h.run().client(), warnings, "the merged result's client names each");

        List<PhaseResult> phases = new ArrayList<>();
        List<MergeRecord.PhaseWindows> windows = new ArrayList<>();
        for (int i = 0; i < first.run().phases().size(); i++) {
            int index = i;
            List<Named> parts = hosts.stream()
                    .map(h -> new Named(h.name(), h.run().phases().get(index)))
                    .toList();
            MergeRecord.PhaseWindows phaseWindows = windows(parts, clockSkewAllowanceMs, warnings);
            windows.add(phaseWindows);
            phases.add(phase(parts, first.run().settings().size()));
        }

        RunResult.Warmup warmup = warmup(hosts);
        boolean passed = hosts.stream().allMatch(h -> h.run().passed())
                && phases.stream().allMatch(PhaseResult::passed);
        RunResult run = new RunResult(
                first.run().experiment(),
                latest(hosts.stream().map(h -> h.run().date()).toList()),
                first.run().store(),
                distinct(hosts, h -> h.run().client()),
                first.run().settings(),
                machine(hosts),
                warmup,
                phases,
                RunResult.Overall.of(phases),
                passed);
        List<MergeRecord.Input> inputs = hosts.stream()
                .map(h -> new MergeRecord.Input(
                        h.name(),
                        h.file(),
                        h.run().date(),
                        h.run().client(),
                        h.run().store().endpoint(),
                        h.run().machine().cores(),
                        h.run().machine().jvm(),
                        h.run().passed()))
                .toList();
        return new Merged(
                run,
                new MergeRecord(hosts.size(), RATE_RULE, clockSkewAllowanceMs, inputs, windows, List.copyOf(warnings)));
    }

    /* ---------------------------------------------------------------- when the hosts ran */

    /** A host's phase, with the host's name. */
    private record Named(String host, PhaseResult phase) {

        Instant start() {
            return Instant.parse(phase.startedAt());
        }

        Instant end() {
            return Instant.parse(phase.endedAt());
        }
    }

    /*
     * The shared window runs from the latest start to the earliest end: the time in which every host was
     * running the phase. Only there is the sum of the hosts' rates a rate the store served to all of them
     * at once. Three things make that doubtful, each a warning: the windows do not overlap at all (the
     * hosts ran one after another: each had the store to itself); they overlap by no more than the
     * clocks may disagree (the overlap may be an artefact of the clocks); or every host was running for
     * less than half of some host's phase (most of its operations met fewer competitors than the sum
     * assumes).
     */
    private static MergeRecord.PhaseWindows windows(
            List<Named> parts, long clockSkewAllowanceMs, List<String> warnings) {
        String op = parts.getFirst().phase().op();
        Named latestStart =
                parts.stream().max((x, y) -> x.start().compareTo(y.start())).orElseThrow();
        Named earliestEnd =
                parts.stream().min((x, y) -> x.end().compareTo(y.end())).orElseThrow();
        Named longest = parts.stream()
                .max((x, y) -> Duration.between(x.start(), x.end()).compareTo(Duration.between(y.start(), y.end())))
                .orElseThrow();
        Instant spanFrom =
                parts.stream().map(Named::start).min(Instant::compareTo).orElseThrow();
        Instant spanTo = parts.stream().map(Named::end).max(Instant::compareTo).orElseThrow();

        // tag::shared-window[]
        long sharedMs = Duration.between(latestStart.start(), earliestEnd.end()).toMillis();
        long longestMs = Duration.between(longest.start(), longest.end()).toMillis();
        double overlapPercent = sharedMs <= 0 || longestMs <= 0 ? 0 : round2(100.0 * sharedMs / longestMs);
        // end::shared-window[]

        if (sharedMs <= 0) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: the hosts' windows do not overlap: %s started %.3f s after %s ended; they did not run "
                            + "at the same time, and the summed rate is not one the store served",
                    op,
                    latestStart.host(),
                    -sharedMs / 1000.0,
                    earliestEnd.host()));
        } else if (sharedMs <= clockSkewAllowanceMs) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: all hosts ran together for only %d ms by their clocks, no more than the %d ms the clocks "
                            + "may disagree by (--clock-skew-ms): the overlap may not be real",
                    op,
                    sharedMs,
                    clockSkewAllowanceMs));
        } else if (overlapPercent < LOW_OVERLAP_PERCENT) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: all hosts ran together for only %.0f%% of %s's phase (%.3f of %.3f s): the summed rate "
                            + "overstates what the store served to all of them at once",
                    op,
                    overlapPercent,
                    longest.host(),
                    sharedMs / 1000.0,
                    longestMs / 1000.0));
        }

        Instant sharedFrom = latestStart.start();
        Instant sharedTo = sharedMs > 0 ? earliestEnd.end() : sharedFrom;
        return new MergeRecord.PhaseWindows(
                op,
                window(sharedFrom, sharedTo),
                window(spanFrom, spanTo),
                overlapPercent,
                parts.stream()
                        .map(p -> new MergeRecord.HostPhase(
                                p.host(),
                                p.phase().startedAt(),
                                p.phase().endedAt(),
                                p.phase().itemsPerSecond()))
                        .toList());
    }

    private static MergeRecord.Window window(Instant from, Instant to) {
        return new MergeRecord.Window(
                millis(from), millis(to), Duration.between(from, to).toMillis() / 1000.0);
    }

    /* ---------------------------------------------------------------- one phase */

    /*
     * Counts add up: items, errors and verified operations are sums, so the merged phase passed only if
     * every host's did. Latencies come from the hosts' histograms added together, which is exact: the
     * merged p99 is the p99 of every operation of every host, not an average of p99s (which has no
     * meaning). Rates add round by round (RATE_RULE). CPU and allocation per operation are per client
     * process, so they are averaged over the operations; the client's cores add up.
     */
    private static PhaseResult phase(List<Named> parts, int size) {
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
                round2(median),
                round2(sorted[0]),
                round2(sorted[sorted.length - 1]),
                round2(spread),
                spread <= Harness.STEADY_SPREAD_PERCENT,
                round2(median * size / (1024.0 * 1024.0)),
                median > 0 ? round3(items / median) : 0,
                PhaseResult.Latency.of(latency),
                openLoop ? PhaseResult.Latency.of(service) : null,
                offered,
                round2(cpu / Math.max(1, items)),
                Math.round(allocated / Math.max(1, items)),
                new PhaseResult.Cores(round2(clientCores), null, null),
                limitedBy(parts),
                Arrays.stream(roundRates).map(RunMerger::round2).boxed().toList(),
                List.copyOf(failures),
                retries,
                millis(from),
                millis(to),
                Histograms.encode(latency),
                openLoop ? Histograms.encode(service) : null);
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

    /* ---------------------------------------------------------------- the run's other fields */

    /*
     * The machine of a merged run is all the client machines: their cores and the cores other processes
     * used on them add up, busy if any was, and the smallest heap. Each host's own machine is in the
     * merge object's inputs.
     */
    private static RunResult.Machine machine(List<Host> hosts) {
        int cores = hosts.stream().mapToInt(h -> h.run().machine().cores()).sum();
        boolean allOther = hosts.stream().allMatch(h -> h.run().machine().otherCpuCores() != null);
        Double other = allOther
                ? round2(hosts.stream()
                        .mapToDouble(h -> h.run().machine().otherCpuCores())
                        .sum())
                : null;
        Boolean busy = allOther
                ? hosts.stream()
                        .anyMatch(h -> Boolean.TRUE.equals(h.run().machine().busy()))
                : null;
        long heap = hosts.stream()
                .mapToLong(h -> h.run().machine().maxHeapMiB())
                .min()
                .orElse(0);
        return new RunResult.Machine(
                cores,
                distinct(hosts, h -> h.run().machine().jvm()),
                distinct(hosts, h -> h.run().machine().os()),
                heap,
                other,
                busy);
    }

    /** The longest of the hosts' warm-ups, steady only if every host's was; none if any host had none. */
    private static RunResult.Warmup warmup(List<Host> hosts) {
        if (hosts.stream().anyMatch(h -> h.run().warmup() == null)) {
            return null;
        }
        RunResult.Warmup first = hosts.getFirst().run().warmup();
        return new RunResult.Warmup(
                hosts.stream().mapToInt(h -> h.run().warmup().passes()).max().orElseThrow(),
                hosts.stream()
                        .mapToDouble(h -> h.run().warmup().seconds())
                        .max()
                        .orElseThrow(),
                hosts.stream().allMatch(h -> h.run().warmup().steady()),
                first.tolerancePercent(),
                hosts.stream()
                        .mapToInt(h -> h.run().warmup().objectsPerPhase())
                        .max()
                        .orElseThrow(),
                first.capSeconds());
    }

    private static String distinct(List<Host> hosts, Function<Host, String> value) {
        return String.join(
                "; ",
                hosts.stream().map(value).map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static String latest(List<String> dates) {
        return dates.stream().filter(Objects::nonNull).max(String::compareTo).orElse(null);
    }

    private static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
