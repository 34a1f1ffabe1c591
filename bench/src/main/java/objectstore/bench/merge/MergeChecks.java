package objectstore.bench.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.store.UserError;

/** What must be equal for hosts' results to merge, and what is only worth a warning when it differs. */
final class MergeChecks {

    private MergeChecks() {}

    /** Every host ran what the first ran, and recorded what the merge adds up; else a {@link UserError}. */
    static void requireMergeable(List<RunMerger.Host> hosts) {
        for (RunMerger.Host host : hosts) {
            sameRun(hosts.getFirst(), host);
        }
        for (RunMerger.Host host : hosts) {
            recordedWhatMergeNeeds(host);
        }
    }

    /*
     * Results merge only when they measured the same thing: one experiment, the same settings, the same
     * phases. Each check says which host differs and how, in one line.
     */
    private static void sameRun(RunMerger.Host first, RunMerger.Host other) {
        RunResult a = first.run();
        RunResult b = other.run();
        if (b.soak() != null) {
            throw new UserError(
                    other.file() + " is a soak run (--duration): its intervals are not merged; merge runs of rounds");
        }
        if (!a.experiment().equals(b.experiment())) {
            throw new UserError(other.file() + " is " + b.experiment() + " but " + first.file() + " is "
                    + a.experiment() + ": merge runs of one experiment");
        }
        String setting = differingSetting(a.settings(), b.settings());
        if (setting != null) {
            throw new UserError(other.file() + " ran other settings than " + first.file() + " (" + setting
                    + "): merge runs of the same settings");
        }
        List<String> opsA = a.phases().stream().map(PhaseResult::op).toList();
        List<String> opsB = b.phases().stream().map(PhaseResult::op).toList();
        if (!opsA.equals(opsB)) {
            throw new UserError(other.file() + " has the phases " + opsB + " but " + first.file() + " has " + opsA
                    + ": merge runs of the same phases");
        }
    }

    /** Each phase's histogram, window and round rates: what the merge adds up. */
    private static void recordedWhatMergeNeeds(RunMerger.Host host) {
        RunResult b = host.run();
        for (PhaseResult p : b.phases()) {
            if (p.latencyHistogram() == null || p.startedAt() == null || p.endedAt() == null) {
                throw new UserError(host.file() + ": phase " + p.op()
                        + " has no latencyHistogram, startedAt or endedAt (a result from before they were recorded)");
            }
            try {
                Instant.parse(p.startedAt());
                Instant.parse(p.endedAt());
            } catch (java.time.format.DateTimeParseException e) {
                throw new UserError(host.file() + ": phase " + p.op()
                        + "'s startedAt or endedAt is not an ISO-8601 instant: " + e.getParsedString());
            }
            if (p.roundItemsPerSecond() == null
                    || p.roundItemsPerSecond().size() != b.settings().rounds()) {
                throw new UserError(host.file() + ": phase " + p.op() + " has "
                        + (p.roundItemsPerSecond() == null
                                ? 0
                                : p.roundItemsPerSecond().size()) + " round rates for "
                        + b.settings().rounds() + " rounds");
            }
        }
    }

    private static String differingSetting(RunResult.Settings a, RunResult.Settings b) {
        Map<String, Function<RunResult.Settings, Object>> fields = new LinkedHashMap<>();
        fields.put("iterations", RunResult.Settings::iterations);
        fields.put("size", RunResult.Settings::size);
        fields.put("concurrency", RunResult.Settings::concurrency);
        fields.put("rounds", RunResult.Settings::rounds);
        fields.put("warmup", RunResult.Settings::warmup);
        fields.put("options", RunResult.Settings::options);
        for (Map.Entry<String, Function<RunResult.Settings, Object>> field : fields.entrySet()) {
            Object x = field.getValue().apply(a);
            Object y = field.getValue().apply(b);
            if (!Objects.equals(x, y)) {
                return field.getKey() + " " + y + " vs " + x;
            }
        }
        return null;
    }

    /** A warning when the hosts do not all give {@code what} the same value: which hosts gave which. */
    static void warnIfDifferent(
            List<RunMerger.Host> hosts,
            String what,
            Function<RunMerger.Host, String> value,
            List<String> warnings,
            String advice) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (RunMerger.Host host : hosts) {
            byValue.computeIfAbsent(String.valueOf(value.apply(host)), v -> new ArrayList<>())
                    .add(host.name());
        }
        if (byValue.size() > 1) {
            warnings.add("the hosts name different " + what + "s: "
                    + byValue.entrySet().stream()
                            .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                            .collect(Collectors.joining("; "))
                    + "; " + advice);
        }
    }
}
