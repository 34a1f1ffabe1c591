package objectstore.harness;

import java.util.List;
import java.util.Map;

import objectstore.common.StoreInfo;

/**
 * The results JSON of one run (documented in docs/results-json.md): which experiment, on which store,
 * with which client and settings, on which machine, and what each phase measured.
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
        boolean passed) {

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
