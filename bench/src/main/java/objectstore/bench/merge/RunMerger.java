package objectstore.bench.merge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.store.UserError;

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
            MergeRecord.PhaseWindows phaseWindows = SharedWindow.of(parts, clockSkewAllowanceMs, warnings);
            windows.add(phaseWindows);
            phases.add(MergedPhase.of(parts, first.run().settings().size()));
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

    static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
