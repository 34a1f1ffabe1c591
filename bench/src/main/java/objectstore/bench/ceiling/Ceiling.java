package objectstore.bench.ceiling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import objectstore.provisioning.RedisServerBinary;
import objectstore.provisioning.StoreStartException;
import objectstore.store.UserError;
import objectstore.util.Causes;

/**
 * A server's ceiling beside the project's best client, by one command: {@code ./mvnw -q -pl bench exec:java
 * -Dexec.args="--ceiling s3|redis --out FILE"}.
 *
 * <p>How close does a client come to what the server can do? Only a load generator that costs almost nothing per
 * request can say what the server can do, so the reference is a C tool (wrk for S3, redis-benchmark for Redis). Both
 * sides run on the same server, warmed up until steady, for the same time, with as many requests in flight, one after
 * the other, and the record says how busy the rest of the machine was meanwhile. {@link S3Ceiling} and
 * {@link RedisCeiling} are the two measurements.
 *
 * <p>Exit code: 0 when both sides ran and every answer the client got was right; 1 when something failed at run time (a
 * tool missing, a server that would not start, a wrong answer); 2 for bad input. Each failure is one line on stderr;
 * the servers and tools this run started are gone either way.
 */
public final class Ceiling {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Ceiling() {}

    /** The command; {@code env} supplies PATH (where the tools are looked for) and REDIS_SERVER. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CeilingOptions options;
        RedisServerBinary binary = null;
        try {
            options = CeilingOptions.parse(args);
            if (!options.help() && options.kind() == CeilingOptions.Kind.REDIS) {
                String choice = options.redisServer() != null ? options.redisServer() : env.get(RedisServerBinary.ENV);
                binary = RedisServerBinary.choose(choice);
            }
        } catch (UserError e) {
            err.println("ceiling: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(CeilingOptions.usage());
            return 0;
        }
        try {
            // 1. The tool, installed where it is missing, before any server starts.
            Tools tools = new Tools(env);
            String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            if (options.size() != null) {
                LargeObjectCeilingRecord large = LargeObjectCeiling.measure(options, tools, machine(), date, out);
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                JSON.writeValue(options.out().toFile(), large);
                LargeObjectCeiling.summary(large, out);
                out.println("ceiling: wrote " + options.out());
                long errors = large.sides().stream()
                        .mapToLong(LargeObjectCeilingRecord.Side::errors)
                        .sum();
                if (errors > 0) {
                    err.println("ceiling: " + errors + " fetches failed or came back wrong; the record in "
                            + options.out() + " counts them");
                    return 1;
                }
                return 0;
            }
            CeilingRecord record = switch (options.kind()) {
                case S3 -> S3Ceiling.measure(options, tools.ensure("wrk", out), machine(), date, out);
                case REDIS ->
                    RedisCeiling.measure(options, tools.ensure("redis-benchmark", out), binary, machine(), date, out);
            };

            // 2. The record, then the summary.
            try {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                JSON.writeValue(options.out().toFile(), record);
            } catch (IOException e) {
                err.println("ceiling: cannot write the record to " + options.out() + ": " + e.getMessage());
                return 1;
            }
            summary(record, out);
            out.println("ceiling: wrote " + options.out());
            long errors =
                    record.rows().stream().mapToLong(CeilingRecord.Row::errors).sum();
            if (errors > 0) {
                err.println("ceiling: the client got " + errors + " failed or wrong answers; the record in "
                        + options.out() + " counts them");
                return 1;
            }
            return 0;
        } catch (Tools.Missing | UserError | StoreStartException | IllegalStateException | IOException e) {
            // Problems this command or the stores describe themselves, in a line.
            err.println("ceiling: " + oneLine(e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ceiling: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("ceiling: failed: " + oneLine(Causes.describe(e)));
            return 1;
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\n\\s*", " ");
    }

    /**
     * Per op: the tool's rate, the client's, and the client's as a share of the tool's; then how busy the machine was.
     */
    static void summary(CeilingRecord record, PrintStream out) {
        out.printf(
                "%n%s ceiling, %s, %d in flight, %d s each (%d cores, %s)%n",
                record.kind(),
                record.store().product(),
                record.client().inFlight(),
                record.seconds(),
                record.machine().cores(),
                record.date());
        out.printf(
                "  %-4s %14s %14s %12s %18s %18s%n",
                "op",
                record.rows().getFirst().tool() + "/s",
                "client/s",
                "client/tool",
                "tool CPU us/op",
                "client CPU us/op");
        for (CeilingRecord.Row row : record.rows()) {
            out.printf(
                    Locale.ROOT,
                    "  %-4s %,14.0f %,14.0f %11.2fx %18.1f %18.1f%n",
                    row.op(),
                    row.toolPerSecond(),
                    row.clientPerSecond(),
                    row.clientToToolRatio(),
                    row.toolCpuMicrosPerOp(),
                    row.clientCpuMicrosPerOp());
        }
        for (CeilingRecord.Row row : record.rows()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: the median of %d rounds; client/tool per round %s%n",
                    row.op(),
                    row.rounds().size(),
                    row.rounds().stream()
                            .map(r -> String.format(Locale.ROOT, "%.2fx", r.clientToToolRatio()))
                            .toList());
        }
        for (CeilingRecord.Row row : record.rows()) {
            CeilingRecord.Cores tool = row.toolRun().cores();
            CeilingRecord.Cores client = row.clientRun().cores();
            if (tool.others() != null && client.others() != null) {
                out.printf(
                        Locale.ROOT,
                        "  %s: other processes used %.2f cores during the tool, %.2f during the client;"
                                + " the server %.2f and %.2f%n",
                        row.op(),
                        tool.others(),
                        client.others(),
                        tool.server(),
                        client.server());
            }
        }
        String warm =
                record.warmup().tool().steady() && record.warmup().client().steady() ? "steady" : "NOT STEADY (capped)";
        out.printf(
                "  warm-up: %s (tool %d runs, client %d runs)%n",
                warm, record.warmup().tool().runs(), record.warmup().client().runs());
    }

    /** This machine: cores, the CPU model, the JVM and the OS. */
    public static CeilingRecord.Machine machine() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // not Linux: unknown
        }
        return new CeilingRecord.Machine(
                Runtime.getRuntime().availableProcessors(),
                cpu,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    /*
     * The tool and the client take turns, ROUNDS times, and take turns going first: the tool in odd rounds,
     * the client in even ones. A server (or a machine) that drifts during the measurement then moves both
     * sides of a round alike and favours neither the side that runs first nor the one that runs second,
     * and the median round is quoted. One pair of runs can land on a good minute for one side and a bad
     * one for the other; on two cores it does, so there are five pairs, not three.
     */
    static final int ROUNDS = 5;

    /** Whether the tool goes first in {@code round} (counted from 1). */
    static boolean toolFirst(int round) {
        return round % 2 == 1;
    }

    /** One round's two runs. */
    record Turn(Tools.Measured tool, Window.Result client) {}

    /** Runs the tool and the client, in {@code round}'s order. */
    static Turn turn(int round, Callable<Tools.Measured> tool, Callable<Window.Result> client) throws Exception {
        if (toolFirst(round)) {
            Tools.Measured toolRun = tool.call();
            return new Turn(toolRun, client.call());
        }
        Window.Result clientRun = client.call();
        return new Turn(tool.call(), clientRun);
    }

    /** The row of one op: the median round's figures, every round's rates, and the client's counts over every round. */
    static CeilingRecord.Row row(String op, String toolName, List<Tools.Measured> tools, List<Window.Result> clients) {
        List<CeilingRecord.Round> rounds = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            rounds.add(new CeilingRecord.Round(
                    round(tools.get(i).perSecond()),
                    round(clients.get(i).perSecond()),
                    ratio(clients.get(i).perSecond(), tools.get(i).perSecond()),
                    toolFirst(i + 1)));
        }
        int median = IntStream.range(0, rounds.size())
                .boxed()
                .sorted(Comparator.comparingDouble(i -> rounds.get(i).clientToToolRatio()))
                .toList()
                .get((rounds.size() - 1) / 2);

        Tools.Measured tool = tools.get(median);
        Window.Result client = clients.get(median);
        long verified = clients.stream().mapToLong(Window.Result::verified).sum();
        long errors = clients.stream().mapToLong(Window.Result::errors).sum();
        long operations = clients.stream().mapToLong(Window.Result::operations).sum();
        return new CeilingRecord.Row(
                op,
                toolName,
                round(tool.perSecond()),
                micros(tool.run().cpuNanos(), tool.requests()),
                round(client.perSecond()),
                round(client.cpuMicrosPerOp()),
                verified,
                errors,
                operations,
                ratio(client.perSecond(), tool.perSecond()),
                rounds,
                new CeilingRecord.ToolRun(
                        tool.command(),
                        round(tool.run().seconds()),
                        tool.requests(),
                        tool.errors(),
                        tool.latencyMs(),
                        tool.run().cores(),
                        tool.run().output()),
                client.record());
    }

    static double micros(long cpuNanos, long requests) {
        return round(cpuNanos / 1000.0 / Math.max(1, requests));
    }

    static double ratio(double client, double tool) {
        return tool == 0 ? 0 : Math.round(client / tool * 1000) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw -q install -DskipTests         (once)
 *   ./mvnw -q -pl bench exec:java -Dexec.args="--ceiling s3 --out target/ceiling-s3.json"
 *   ./mvnw -q -pl bench exec:java -Dexec.args="--ceiling redis --out target/ceiling-redis.json"
 *   ./mvnw -q -pl bench exec:java \
 *     -Dexec.args="--ceiling s3 --concurrency 200 --seconds 30 --out target/ceiling-s3-200.json"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The warm-up runs, then one line per round (which side went first, the tool's rate, the client's)
 *   and a table of the median round of five: per op the tool's rate, the client's, the client's as a
 *   multiple of the tool's, and each side's CPU time per request; every round's ratio; then how many cores
 *   other processes and the server used during each measurement. A machine of two cores is shared by the
 *   tool, the client and the server, so read the ratio and the CPU per request, not the rates, and quote
 *   nothing measured while other processes used a good part of a core: docs/measuring-honestly.md,
 *   section 7, says how to read the record.
 */
