package objectstore.bench.micro;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import objectstore.bench.ceiling.CeilingRecord;

/**
 * What one run of a set of micro-benchmarks writes: a row per thing measured, and what is needed to cite it (when, on
 * what machine, which server for the facade, and how JMH measured).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicroRecord(
        String benchmark,
        String measures,
        String date,
        String tool,
        CeilingRecord.Machine machine,
        Store store,
        Settings settings,
        List<Row> results) {

    /** The server the benchmark starts in each fork: product and version, and which binary. */
    public record Store(String product, String backend) {}

    /**
     * How JMH measured: its mode and unit; {@code rounds} forks per row, the rows taking turns; in each fork the
     * warm-up and measured iterations; the forks' JVM flags and the benchmark's parameters. {@code quick} marks a run
     * that only shows the benchmarks work (one short iteration, no fork): its figures mean nothing.
     */
    public record Settings(
            String mode,
            String unit,
            int rounds,
            int warmupIterations,
            double warmupSeconds,
            int iterations,
            double iterationSeconds,
            List<String> jvmArgs,
            Map<String, String> params,
            boolean quick) {}

    /**
     * One row: the mean over every measured iteration of every round, with JMH's 99.9% confidence interval (the
     * {@code ...Error} field, ±). The signing rows give time per signed request and its inverse on one thread; the
     * facade rows give items per second, how many were written while measured, and how many were read back and found as
     * written. Beside them, the CPU time the benchmark's JVM spent per operation ({@code cpuNsPerRequest},
     * {@code cpuMicrosPerOp}), which moves less with the load than the time does. {@code otherCpuCores} is how many
     * cores other processes kept busy meanwhile (null without /proc), and {@code busy} says when that was enough to
     * distort the figures.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            String name,
            String benchmark,
            Double nsPerRequest,
            Double nsPerRequestError,
            Double requestsPerSecond,
            Double cpuNsPerRequest,
            Double itemsPerSecond,
            Double itemsPerSecondError,
            Double cpuMicrosPerOp,
            Long items,
            Long verified,
            long iterations,
            String jdk,
            String date,
            int cores,
            Double otherCpuCores,
            Boolean busy) {}
}
