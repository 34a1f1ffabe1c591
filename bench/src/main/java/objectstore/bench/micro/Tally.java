package objectstore.bench.micro;

import objectstore.harness.Harness;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One case's measured iterations over every round, the counters its benchmark reported (see {@link ProcessCpu}), and
 * the wall time and other processes' CPU time while its forks ran; then the case's row of the record.
 */
final class Tally {

    private final ListStatistics scores = new ListStatistics();
    private long items;
    private long operations;
    private long cpuNanos;
    private long verified;
    private long wallNanos;
    private long othersNanos;
    private boolean machineKnown = true;
    private String jdk;

    /**
     * Adds one run of the case: JMH's result, how long it took, and how much CPU time other processes used meanwhile
     * ({@code othersKnown} false without /proc).
     */
    void add(RunResult result, long wall, long others, boolean othersKnown) {
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.addValue(iteration.getPrimaryResult().getScore());
                items += iteration.getMetadata().getMeasuredOps();
                operations += iteration.getMetadata().getAllOps();
                cpuNanos += counter(iteration, "cpuNanos");
                verified += counter(iteration, "verified");
            }
        }
        wallNanos += wall;
        othersNanos += Math.max(0, others);
        machineKnown &= othersKnown;
        jdk = result.getParams().getVmVersion();
    }

    /** A counter the benchmark reported for the iteration, 0 when it reports none. */
    private static long counter(IterationResult iteration, String name) {
        Result counted = iteration.getSecondaryResults().get(name);
        return counted == null ? 0 : (long) counted.getScore();
    }

    /** The case's row: time per request for the signing set, items a second for the facade's. */
    MicroRecord.Row row(MicroSet.Case c, boolean timePerRequest, String day) {
        double mean = scores.getMean();
        Double error = scores.getN() > 2 ? scores.getMeanErrorAt(0.999) : null;
        Double cpuNanosPerOp = operations == 0 || cpuNanos == 0 ? null : (double) cpuNanos / operations;
        Double others = machineKnown ? Math.round(100.0 * othersNanos / wallNanos) / 100.0 : null;
        return new MicroRecord.Row(
                c.name(),
                c.method(),
                timePerRequest ? mean : null,
                timePerRequest ? error : null,
                timePerRequest ? 1e9 / mean : null,
                timePerRequest ? cpuNanosPerOp : null,
                timePerRequest ? null : mean,
                timePerRequest ? null : error,
                timePerRequest || cpuNanosPerOp == null ? null : cpuNanosPerOp / 1000,
                timePerRequest ? null : items,
                timePerRequest ? null : verified,
                scores.getN(),
                jdk,
                day,
                Runtime.getRuntime().availableProcessors(),
                others,
                others == null ? null : others >= Harness.BUSY_CORES);
    }
}
