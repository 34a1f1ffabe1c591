package objectstore.literedis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.RedisServerBinary;
import objectstore.provisioning.StoreStartException;
import objectstore.redis.RedisObjectStore;
import objectstore.store.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a Redis Cluster failover costs the facade's PUTs: a master killed with SIGKILL while PUTs run, its replica
 * promoted, and then every acknowledged PUT read back. Done twice on a fresh cluster each time: PUTs acknowledged when
 * their master has them (plain), and when a replica has them too ({@code ?wait=1}: WAIT 1 after each PUT). Prints a
 * summary and writes a JSON record. Page 08 ("A failover") says what it shows.
 */
@Command(
        name = "cluster-failover",
        sortOptions = false,
        usageHelpWidth = 110,
        description = "What a Redis Cluster failover costs the Redis facade's PUTs: a master killed with SIGKILL while"
                + " PUTs run, its replica promoted, every acknowledged PUT read back; once with plain PUTs, once with"
                + " WAIT 1 after each, each on a cluster of its own.",
        footer = {
            "",
            "Run: ./mvnw -q -pl 08-lite-over-redis exec:java -Dexec.mainClass=objectstore.literedis.ClusterFailover",
            "       -Dexec.args=\"--seconds 20\""
        })
public final class ClusterFailover implements Callable<Integer> {

    /**
     * What one measurement does: how long, when the kill comes, how long after the replica's promotion the killed node
     * is started again, how many PUTs in flight, how big, the cluster's node timeout, and which redis-server (null:
     * {@code REDIS_SERVER}, else the bundled one).
     */
    public record Settings(
            int seconds,
            double killAtSecond,
            double restartAfterSeconds,
            int concurrency,
            int size,
            Duration nodeTimeout,
            String redisServer) {}

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "20",
            description = "how long each run PUTs (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--kill-at",
            paramLabel = "SECOND",
            defaultValue = "6",
            description = "when a master gets SIGKILL, in seconds from the start (default: ${DEFAULT-VALUE})")
    double killAt;

    @Option(
            names = "--restart-after",
            paramLabel = "S",
            defaultValue = "3",
            description =
                    "seconds from the replica's promotion to the killed node's restart (default: ${DEFAULT-VALUE})")
    double restartAfter;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "64",
            description = "PUTs in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
            names = "--size",
            paramLabel = "BYTES",
            defaultValue = "5000",
            description = "bytes per object (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--node-timeout-ms",
            paramLabel = "MS",
            defaultValue = "1000",
            description = "the cluster's cluster-node-timeout (default: ${DEFAULT-VALUE})")
    long nodeTimeoutMs;

    @Option(
            names = "--redis-server",
            paramLabel = "bundled|system|PATH",
            description = "which redis-server the cluster runs (default: REDIS_SERVER, else bundled)")
    String redisServer;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "where the record goes (default: 08-lite-over-redis/target/results/cluster-failover.json)")
    Path json;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    private PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Parses {@code args} and runs; the exit code: 0 when done, 2 for bad usage (one line on {@code err}, a suggestion
     * for an unknown option), 1 when the cluster cannot start.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        ClusterFailover command = new ClusterFailover();
        command.out = out;
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((bad, given) -> {
                    err.println("cluster-failover: " + bad.getMessage() + " (--help lists the options)");
                    UnmatchedArgumentException.printSuggestions(bad, err);
                    return bad.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((failure, commandLine, given) -> {
                    if (failure instanceof UserError || failure instanceof StoreStartException) {
                        err.println("cluster-failover: " + failure.getMessage());
                        return failure instanceof UserError ? 2 : 1;
                    }
                    throw failure;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        Settings settings = settings();
        Path record = json != null ? json : ModuleDir.resolve("target/results/cluster-failover.json");
        write(measure(settings, out), record);
        out.println("results JSON: " + record.toAbsolutePath().normalize());
        return 0;
    }

    /** The options as settings; a value out of range is a ParameterException naming the option. */
    private Settings settings() {
        require(seconds >= 1, "--seconds must be at least 1, not " + seconds);
        require(
                killAt > 0 && killAt < seconds,
                "--kill-at must come after the start and before the end (--seconds " + seconds + "), not " + killAt);
        require(restartAfter >= 0, "--restart-after must not be negative, not " + restartAfter);
        require(concurrency >= 1, "--concurrency must be at least 1, not " + concurrency);
        require(size >= 1, "--size must be at least 1 byte, not " + size);
        require(nodeTimeoutMs >= 100, "--node-timeout-ms must be at least 100, not " + nodeTimeoutMs);
        return new Settings(
                seconds, killAt, restartAfter, concurrency, size, Duration.ofMillis(nodeTimeoutMs), redisServer);
    }

    private void require(boolean valid, String problem) {
        if (!valid) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    /**
     * Both runs, plain and with WAIT 1, each on a cluster of its own; the record as a map, in the order it is written.
     */
    public static Map<String, Object> measure(Settings settings, PrintStream out) {
        RedisServerBinary binary = settings.redisServer() != null
                ? RedisServerBinary.choose(settings.redisServer())
                : RedisServerBinary.fromEnvironment(System.getenv());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("experiment", "cluster-failover");
        record.put(
                "date",
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("seconds", settings.seconds());
        given.put("killAtSecond", settings.killAtSecond());
        given.put("restartAfterSeconds", settings.restartAfterSeconds());
        given.put("concurrency", settings.concurrency());
        given.put("size", settings.size());
        given.put("nodeTimeoutMs", settings.nodeTimeout().toMillis());
        given.put("waitTimeoutMs", RedisObjectStore.WAIT_TIMEOUT.toMillis());
        record.put("settings", given);
        record.put(
                "machine",
                Map.of(
                        "cores",
                        Runtime.getRuntime().availableProcessors(),
                        "jvm",
                        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int wait : new int[] {0, 1}) {
            runs.add(FailoverRun.measure(settings, binary, wait, out, record));
        }
        record.put("runs", runs);
        double plain = (double) runs.get(0).get("putsPerSecondBeforeKill");
        double waited = (double) runs.get(1).get("putsPerSecondBeforeKill");
        record.put("waitCostRatio", plain > 0 && waited > 0 ? Math.round(100 * plain / waited) / 100.0 : null);
        out.printf(
                "WAIT 1 after each PUT: %,.0f PUTs/s against %,.0f without (%.2fx); acknowledged PUTs lost: %s without,"
                        + " %s with%n",
                waited,
                plain,
                plain / Math.max(1, waited),
                runs.get(0).get("acknowledgedLost"),
                runs.get(1).get("acknowledgedLost"));
        return record;
    }

    /** Writes the record as indented JSON, making its directory if needed. */
    static void write(Map<String, Object> record, Path json) {
        try {
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), record);
        } catch (IOException e) {
            throw new UserError("could not write " + json + ": " + e.getMessage());
        }
    }
}
