package objectstore.bench.ceiling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What one ceiling run writes: the rows the book cites, and everything needed to cite them (when, on what machine,
 * which server and how it was started, the warm-up, how busy the machine was, and each tool's own output).
 * docs/measuring-honestly.md explains the figures.
 */
public record CeilingRecord(
        String kind,
        String date,
        Machine machine,
        Store store,
        Workload workload,
        int concurrency,
        int seconds,
        Tool tool,
        Client client,
        Warmups warmup,
        List<Row> rows) {

    /** The machine: cores the JVM sees, the CPU model (/proc/cpuinfo), the JVM the client ran on, the OS. */
    public record Machine(int cores, String cpu, String jvm, String os) {}

    /**
     * The server measured: product and version, backend (S3Proxy) or binary (Redis), its endpoint, the JVM flags
     * S3Proxy ran with (from /proc/PID/cmdline; none for Redis), and how clients authenticate.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Store(String product, String backend, String endpoint, List<String> jvmFlags, String auth) {}

    /** What every request moves: one object (S3) or one value (Redis) of this many bytes. */
    public record Workload(String description, int bytes) {}

    /**
     * The reference tool: its name, its version line, and the command of each measured run (a presigned URL shown
     * without its signature).
     */
    public record Tool(String name, String version, List<String> commands) {}

    /** The project's client: what it is, and how many requests it keeps in flight. */
    public record Client(String description, int inFlight) {}

    /** The two warm-ups: the server with the tool first, then the client's JIT with the client. */
    public record Warmups(Warmup tool, Warmup client) {}

    /**
     * One warm-up: runs of {@code runSeconds} until two in a row agree within {@code tolerancePercent} for every op, or
     * until {@code capSeconds} have passed ({@code steady} false).
     */
    public record Warmup(
            int runs,
            double seconds,
            boolean steady,
            double runSeconds,
            int capSeconds,
            double tolerancePercent,
            List<Map<String, Double>> perSecond) {}

    /**
     * One op, tool beside client: the figures of the median round (the round whose client-to-tool ratio is the middle
     * one), every round in {@code rounds}. CPU per op is each side's own CPU time (the tool process's, every thread;
     * the client JVM's, every thread) divided by its requests. {@code verified} counts the client's requests whose
     * answer was checked (the bytes, or SET's OK) and {@code errors} the others, both over every round, as
     * {@code clientOperations} does.
     */
    public record Row(
            String op,
            String tool,
            double toolPerSecond,
            double toolCpuMicrosPerOp,
            double clientPerSecond,
            double clientCpuMicrosPerOp,
            long verified,
            long errors,
            long clientOperations,
            double clientToToolRatio,
            List<Round> rounds,
            ToolRun toolRun,
            ClientRun clientRun) {}

    /**
     * One round of an op: the tool's run and the client's, back to back, the tool first or second; their rates and the
     * ratio.
     */
    public record Round(double toolPerSecond, double clientPerSecond, double clientToToolRatio, boolean toolFirst) {}

    /**
     * The tool's measured run: its requests and errors as it reported them, its latency percentiles, the cores each
     * party used meanwhile, and everything it printed.
     */
    public record ToolRun(
            String command,
            double seconds,
            long requests,
            long errors,
            Map<String, Double> latencyMs,
            Cores cores,
            String rawOutput) {}

    /**
     * The client's measured run: operations, latency percentiles (from the call to its answer), cores used meanwhile.
     */
    public record ClientRun(double seconds, long operations, Map<String, Double> latencyMs, Cores cores) {}

    /**
     * Cores kept busy during a measurement (1.0 is one core busy the whole time): by the tool (0 while the client
     * runs), by the client's JVM (idle while the tool runs), by the server, and by every other process on the machine
     * (null without /proc).
     */
    public record Cores(double tool, double client, Double server, Double others) {}
}
