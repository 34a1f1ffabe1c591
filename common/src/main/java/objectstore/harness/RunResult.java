package objectstore.harness;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import objectstore.provisioning.StoreInfo;

/**
 * The results JSON of one run (documented in docs/results-json.md): which experiment, on which store,
 * with which client and settings, on which machine, and what each phase measured. A soak run
 * ({@code --duration}) adds {@code soak}: what each interval of the run measured.
 */
public record RunResult(
        String experiment,
        String date,
        StoreInfo store,
        String client,
        Settings settings,
        Machine machine,
        List<PhaseResult> phases,
        Overall overall,
        boolean passed,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SoakInterval> soak) {

    /** A measured run, not a soak. */
    public RunResult(String experiment, String date, StoreInfo store, String client, Settings settings, Machine machine,
                     List<PhaseResult> phases, Overall overall, boolean passed) {
        this(experiment, date, store, client, settings, machine, phases, overall, passed, null);
    }

    /**
     * One interval of a soak run: operations that completed in it, their rate and latency, errors,
     * verified GETs, and retries.
     */
    public record SoakInterval(double endSecond, long operations, double operationsPerSecond, PhaseResult.Latency latencyMs,
                               long errors, long verifiedGets, long retries) {
    }

    /** The settings the run used. */
    public record Settings(int iterations, int size, int concurrency, int rounds, int warmup, Map<String, String> options) {
    }

    /** The machine the run measured on. */
    public record Machine(int cores, String jvm, String os, long maxHeapMiB) {
    }

    /** The original's closing figure: PUTs and GETs together, per second (put_object and get_object medians). */
    public record Overall(double putThenGetItemsPerSecond) {
    }
}
