package objectstore.harness;

import java.io.PrintStream;
import java.util.List;

/**
 * The warm-up: uncounted passes of every phase until two in a row agree, so that the counted rounds measure steady
 * code.
 */
final class WarmUp {

    private WarmUp() {}

    /** Runs one uncounted pass of every phase over {@code objectsPerPhase} objects, and empties the bucket after it. */
    @FunctionalInterface
    interface Passes {
        Pass next(int objectsPerPhase) throws Exception;
    }

    /*
     * The warm-up rule. A pass runs every phase once over --warmup objects, uncounted. From the second
     * pass on, it is compared with the one before: when every phase's rate, and the pass's CPU per
     * operation, agree within WARMUP_TOLERANCE_PERCENT, both JITs (the client's and, for the embedded
     * stores, the server's) have stopped changing the figures, and the counted rounds begin. CPU time comes
     * in 10 ms ticks, so it is compared only when both passes used half a second of it or more. A pass
     * shorter than a second is too noisy to compare: the next one gets twice the objects, up to
     * --iterations; a run too small for that cannot be judged, and its warm-up ends after two passes,
     * marked not steady. If --warmup-seconds runs out first, the run goes on, marked not steady too.
     */
    static RunResult.Warmup untilSteady(Options options, PrintStream out, Passes source) throws Exception {
        long start = System.nanoTime();
        long cap = start + options.warmupSeconds() * 1_000_000_000L;
        int objectsPerPhase = options.warmup();
        Pass previous = null;
        int passes = 0;
        boolean steady = false;
        String why = "the cap";
        out.printf(
                "warm-up: passes of %,d objects per phase until two agree within %.0f%% (at most %d s)%n",
                objectsPerPhase, Harness.WARMUP_TOLERANCE_PERCENT, options.warmupSeconds());
        while (true) {
            Pass pass = source.next(objectsPerPhase);
            passes++;
            out.printf("warm-up: pass %d  %s%n", passes, pass.line());
            if (pass.seconds() < Harness.WARMUP_PASS_MIN_SECONDS) {
                if (objectsPerPhase >= options.iterations()) {
                    if (previous != null) {
                        why = "passes too short to compare";
                        break;
                    }
                    previous = pass;
                } else {
                    objectsPerPhase = (int) Math.min(options.iterations(), 2L * objectsPerPhase);
                    previous = null; // a longer pass is compared with the next one, not with a shorter one
                }
            } else {
                steady = previous != null && pass.agreesWith(previous);
                previous = pass;
            }
            if (steady || System.nanoTime() >= cap) {
                break;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        out.printf(
                steady
                        ? "warm-up: steady after %d passes, %.1f s%n"
                        : "warm-up: NOT STEADY after %d passes, %.1f s (" + why
                                + "): the figures below may still include warm-up%n",
                passes,
                took);
        return new RunResult.Warmup(
                passes,
                Harness.round2(took),
                steady,
                Harness.WARMUP_TOLERANCE_PERCENT,
                objectsPerPhase,
                options.warmupSeconds());
    }

    /** One warm-up pass: each phase's rate, and the CPU per operation over the whole pass. */
    record Pass(List<String> ops, double[] rates, double cpuMicrosPerOp, double cpuSeconds, double seconds) {

        boolean agreesWith(Pass before) {
            for (int p = 0; p < rates.length; p++) {
                if (!close(rates[p], before.rates[p])) {
                    return false;
                }
            }
            return cpuSeconds < 0.5 || before.cpuSeconds < 0.5 || close(cpuMicrosPerOp, before.cpuMicrosPerOp);
        }

        private static boolean close(double a, double b) {
            return Math.abs(a - b) <= Harness.WARMUP_TOLERANCE_PERCENT / 100 * Math.max(a, b);
        }

        String line() {
            StringBuilder line = new StringBuilder();
            for (int p = 0; p < rates.length; p++) {
                line.append(String.format("%s %,.0f/s  ", ops.get(p), rates[p]));
            }
            return line.append(String.format("cpu %.0f µs/op  %.1f s", cpuMicrosPerOp, seconds))
                    .toString();
        }
    }
}
