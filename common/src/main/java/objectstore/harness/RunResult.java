package objectstore.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import objectstore.provisioning.StoreInfo;

/**
 * The results JSON of one run (documented in docs/results-json.md): which experiment, on which store, with which client
 * and settings, on which machine, and what each phase measured. A soak run ({@code --duration}) adds {@code soak}: what
 * each interval of the run measured.
 */
public record RunResult(
        String experiment,
        String date,
        StoreInfo store,
        String client,
        Settings settings,
        Machine machine,
        @JsonInclude(JsonInclude.Include.NON_NULL) Warmup warmup,
        List<PhaseResult> phases,
        Overall overall,
        boolean passed,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SoakInterval> soak) {

    /** A measured run, not a soak. */
    public RunResult(
            String experiment,
            String date,
            StoreInfo store,
            String client,
            Settings settings,
            Machine machine,
            Warmup warmup,
            List<PhaseResult> phases,
            Overall overall,
            boolean passed) {
        this(experiment, date, store, client, settings, machine, warmup, phases, overall, passed, null);
    }

    /**
     * What the warm-up took: passes of every phase over {@code objectsPerPhase} objects, repeated until two passes in a
     * row agreed within {@code tolerancePercent} on every phase's rate and on CPU per operation ({@code steady}), or
     * until {@code capSeconds} ran out (steady false).
     */
    public record Warmup(
            int passes, double seconds, boolean steady, double tolerancePercent, int objectsPerPhase, int capSeconds) {}

    /**
     * One interval of a soak run: operations that completed in it, their rate and latency, errors, verified GETs, and
     * retries.
     */
    public record SoakInterval(
            double endSecond,
            long operations,
            double operationsPerSecond,
            PhaseResult.Latency latencyMs,
            long errors,
            long verifiedGets,
            long retries) {}

    /** The settings the run used. */
    public record Settings(
            int iterations, int size, int concurrency, int rounds, int warmup, Map<String, String> options) {}

    /**
     * The machine the run measured on, and how busy the rest of it was during the counted rounds: {@code otherCpuCores}
     * is the average number of cores used by processes other than this one and its store (null without /proc);
     * {@code busy} when that was at least {@link Harness#BUSY_CORES}.
     */
    public record Machine(
            int cores,
            String jvm,
            String os,
            long maxHeapMiB,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double otherCpuCores,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean busy) {}

    /** The original's closing figure: PUTs and GETs together, per second (put_object and get_object medians). */
    public record Overall(double putThenGetItemsPerSecond) {

        /** The figure from a run's phases: its headline PUT and GET, one after the other; 0 without both. */
        public static Overall of(List<PhaseResult> phases) {
            PhaseResult put = PhaseResult.headline(phases, Phase.Kind.PUT).orElse(null);
            PhaseResult get = PhaseResult.headline(phases, Phase.Kind.GET).orElse(null);
            if (put == null || get == null || put.itemsPerSecond() == 0 || get.itemsPerSecond() == 0) {
                return new Overall(0);
            }
            double seconds = put.items() / put.itemsPerSecond() + get.items() / get.itemsPerSecond();
            return new Overall(Harness.round2((put.items() + get.items()) / seconds));
        }
    }
}
