package objectstore.harness;

import java.util.List;

/**
 * The measured figures of one phase over all counted rounds. Rates are the median round's, with the
 * slowest and fastest beside them; latencies come from every operation of every round.
 *
 * @param items           objects per round (the run's --iterations)
 * @param errors          failed or mismatched operations, summed over the rounds
 * @param verified        the fewest verified operations in any round: equal to items only when every round verified every object
 * @param cpuMicrosPerOp  this process's CPU time per operation (median round), from the OperatingSystemMXBean
 * @param retries         requests the client sent again after a failed attempt, summed over the rounds (0 for clients that do not count them)
 */
public record PhaseResult(
        String op,
        int items,
        int rounds,
        long errors,
        long verified,
        double itemsPerSecond,
        double itemsPerSecondMin,
        double itemsPerSecondMax,
        double mibPerSecond,
        double seconds,
        Latency latencyMs,
        double cpuMicrosPerOp,
        List<Double> roundItemsPerSecond,
        List<String> failures,
        long retries) {

    /** A phase of a client that does not count its retries. */
    public PhaseResult(String op, int items, int rounds, long errors, long verified, double itemsPerSecond, double itemsPerSecondMin,
                       double itemsPerSecondMax, double mibPerSecond, double seconds, Latency latencyMs, double cpuMicrosPerOp,
                       List<Double> roundItemsPerSecond, List<String> failures) {
        this(op, items, rounds, errors, verified, itemsPerSecond, itemsPerSecondMin, itemsPerSecondMax, mibPerSecond, seconds, latencyMs,
                cpuMicrosPerOp, roundItemsPerSecond, failures, 0);
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p99, double max) {
    }

    /** True when nothing failed and every object was verified in every round. */
    public boolean passed() {
        return errors == 0 && verified == items;
    }
}
