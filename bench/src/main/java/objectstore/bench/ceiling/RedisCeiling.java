package objectstore.bench.ceiling;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceVersion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.RedisServerBinary;

/**
 * The Redis ceiling: SETs and GETs of 5,000 bytes a second from one embedded redis-server, by redis-benchmark (C,
 * clients each with a pipeline of 16) and by Lettuce in chapter 07's best form, tuned as this file explains, on the
 * same server with as many commands in flight, for as long.
 */
final class RedisCeiling {

    static final int SIZE = 5_000;
    static final int PIPELINE = 16;
    static final String KEY = "ceiling:value";
    static final List<String> OPS = List.of("set", "get");

    /*
     * Where a GET's value is checked. Keys are strings and values bytes, as in chapter 07; but chapter
     * 07's ByteArrayCodec copies every value out of Netty's buffer into a new array, and the check then
     * reads that array: at 200,000 GETs a second, a gigabyte a second of fresh memory, a quarter of the
     * event loop's time in a JFR profile of this ceiling. A codec sees the value where Netty holds it, so
     * this one compares it there, byte for byte, with the value the run SET: a value that matches comes
     * back as the caller's own array (the check that follows sees the same array and is done), one that
     * does not is copied out as it is, and the check fails on it. Every byte of every reply is still
     * compared. GETs went from 0.67x to 1.03x of redis-benchmark with it.
     */
    static RedisCodec<String, byte[]> checkingCodec(byte[] expected) {
        ByteBuffer wanted =
                ByteBuffer.wrap(expected).asReadOnlyBuffer(); // mismatch() moves neither buffer: shared by every reply
        return RedisCodec.of(StringCodec.UTF8, new RedisCodec<byte[], byte[]>() {
            @Override
            public byte[] decodeKey(ByteBuffer bytes) {
                return ByteArrayCodec.INSTANCE.decodeKey(bytes);
            }

            @Override
            public byte[] decodeValue(ByteBuffer bytes) {
                return bytes.mismatch(wanted) == -1 ? expected : ByteArrayCodec.INSTANCE.decodeValue(bytes);
            }

            @Override
            public ByteBuffer encodeKey(byte[] key) {
                return ByteArrayCodec.INSTANCE.encodeKey(key);
            }

            @Override
            public ByteBuffer encodeValue(byte[] value) {
                return ByteArrayCodec.INSTANCE.encodeValue(value);
            }
        });
    }

    private RedisCeiling() {}

    static CeilingRecord measure(
            CeilingOptions options,
            Path benchmark,
            RedisServerBinary binary,
            CeilingRecord.Machine machine,
            String date,
            PrintStream out)
            throws Exception {
        int clients = options.concurrency();
        int window = clients * PIPELINE;
        int runSeconds = Warmup.runSeconds(options.seconds());
        TestObject value = TestObjects.make(1, SIZE, 7).getFirst();
        RedisClient lettuce = RedisClient.create();
        try (EmbeddedRedis redis = EmbeddedRedis.start(ModuleDir.resolve("target/embedded-stores"), binary)) {
            /*
             * redis-benchmark takes a password only on its command line (-a), where any process listing
             * shows it, and this version does not read REDISCLI_AUTH. So the run's random password is
             * cleared once the server is up: it listens on 127.0.0.1 only, and stops with the run.
             */
            try (StatefulRedisConnection<String, String> admin = lettuce.connect(RedisURI.create(redis.uri()))) {
                admin.sync().configSet("requirepass", "");
            }
            List<Long> server = redis.pids();
            out.printf(
                    "ceiling: redis on %s (%s) at %s; %,d-byte values; %d clients x pipelines of %d = %d in flight;"
                            + " %d s per op; warm-up runs of %d s per op, at most %d s%n",
                    redis.product(),
                    binary.label(),
                    redis.endpoint(),
                    SIZE,
                    clients,
                    PIPELINE,
                    window,
                    options.seconds(),
                    runSeconds,
                    options.warmupSeconds());

            /*
             * Lettuce keeps the commands awaiting replies in a queue indexed by a hash map by default, so that
             * a cancelled command leaves it at once; nothing here is cancelled, and a plain queue saves two
             * map operations per command (GETs went from 1.03x to 1.28x of redis-benchmark with it off).
             */
            lettuce.setOptions(ClientOptions.builder().useHashIndexQueue(false).build());
            try (StatefulRedisConnection<String, byte[]> connection =
                    lettuce.connect(checkingCodec(value.data()), RedisURI.create("127.0.0.1", redis.port()))) {
                /*
                 * Chapter 07's best form: one connection, auto-flush off, a window of commands in flight
                 * written in bursts. The window is redis-benchmark's own in-flight count, clients x pipeline.
                 * Each reply's callback sends the next command (Window.chained), on Lettuce's event loop:
                 * chapter 07's loop on the caller's thread, waiting for a permit, made SETs 0.65x and GETs
                 * 0.63x of redis-benchmark here, because on 2 cores that thread, the event loop and Redis
                 * take turns; chained, SETs went to 0.84x with nothing else changed.
                 */
                connection.setAutoFlushCommands(false);
                RedisAsyncCommands<String, byte[]> commands = connection.async();
                Map<String, Window.Request> requests = Map.of(
                        "set",
                                () -> commands.set(KEY, value.data())
                                        .toCompletableFuture()
                                        .thenApply("OK"::equals),
                        "get", () -> commands.get(KEY).toCompletableFuture().thenApply(value::matches));

                // 1. Warm the server with redis-benchmark until two runs agree on both ops; each run sized from the
                // last one's rate.
                Map<String, Double> rates = new LinkedHashMap<>(Map.of("set", 5_000.0, "get", 5_000.0));
                CeilingRecord.Warmup toolWarmup = Warmup.untilSteady(
                        "redis-benchmark",
                        runSeconds,
                        options.warmupSeconds(),
                        () -> {
                            Map<String, Double> run = new LinkedHashMap<>();
                            for (String op : OPS) {
                                run.put(
                                        op,
                                        benchmark(
                                                        benchmark,
                                                        redis.port(),
                                                        op,
                                                        clients,
                                                        requests(rates.get(op), runSeconds),
                                                        server)
                                                .perSecond());
                            }
                            rates.putAll(run);
                            return run;
                        },
                        out);

                // 2. Warm the client's JIT with the client, by the same rule.
                CeilingRecord.Warmup clientWarmup = Warmup.untilSteady(
                        "Lettuce",
                        runSeconds,
                        options.warmupSeconds(),
                        () -> {
                            Map<String, Double> run = new LinkedHashMap<>();
                            for (String op : OPS) {
                                Window.Result result = Window.chained(
                                        window, runSeconds, requests.get(op), connection::flushCommands, () -> server);
                                if (result.errors() > 0) {
                                    throw new IllegalStateException("Lettuce's warm-up had " + result.errors()
                                            + " failed or wrong " + op.toUpperCase() + "s");
                                }
                                run.put(op, result.perSecond());
                            }
                            return run;
                        },
                        out);

                // 3. The server's ceiling, by redis-benchmark sized to last about --seconds, and 4. the client for
                // --seconds;
                //    per op, ROUNDS times, taking turns to go first.
                Map<String, List<Tools.Measured>> toolRuns = new LinkedHashMap<>();
                Map<String, List<Window.Result>> clientRuns = new LinkedHashMap<>();
                for (int round = 1; round <= Ceiling.ROUNDS; round++) {
                    for (String op : OPS) {
                        Ceiling.Turn turn = Ceiling.turn(
                                round,
                                () -> benchmark(
                                        benchmark,
                                        redis.port(),
                                        op,
                                        clients,
                                        requests(rates.get(op), options.seconds()),
                                        server),
                                () -> Window.chained(
                                        window,
                                        options.seconds(),
                                        requests.get(op),
                                        connection::flushCommands,
                                        () -> server));
                        Tools.Measured tool = turn.tool();
                        Window.Result client = turn.client();
                        out.printf(
                                "ceiling: round %d/%d (%s first)  %s  redis-benchmark %,.0f/s, Lettuce %,.0f/s"
                                        + " (%,d verified, %,d errors)%n",
                                round,
                                Ceiling.ROUNDS,
                                Ceiling.toolFirst(round) ? "redis-benchmark" : "client",
                                op.toUpperCase(),
                                tool.perSecond(),
                                client.perSecond(),
                                client.verified(),
                                client.errors());
                        toolRuns.computeIfAbsent(op, o -> new ArrayList<>()).add(tool);
                        clientRuns.computeIfAbsent(op, o -> new ArrayList<>()).add(client);
                    }
                }
                List<CeilingRecord.Row> rows = new ArrayList<>();
                for (String op : OPS) {
                    rows.add(Ceiling.row(op, "redis-benchmark", toolRuns.get(op), clientRuns.get(op)));
                }

                return new CeilingRecord(
                        "redis",
                        date,
                        machine,
                        new CeilingRecord.Store(
                                redis.product(),
                                binary.label(),
                                redis.endpoint(),
                                null,
                                "none: the run's random password was cleared (CONFIG SET requirepass '') once the"
                                        + " server was up, so that redis-benchmark needs none on its command line;"
                                        + " the server listens on 127.0.0.1 only"),
                        new CeilingRecord.Workload(
                                "SET, then GET, of one key: redis-benchmark's key:__rand_int__ (no -r: one key),"
                                        + " the client's " + KEY,
                                SIZE),
                        clients,
                        options.seconds(),
                        new CeilingRecord.Tool(
                                "redis-benchmark",
                                Tools.version(benchmark, "--version"),
                                toolRuns.values().stream()
                                        .flatMap(List::stream)
                                        .map(Tools.Measured::command)
                                        .toList()),
                        new CeilingRecord.Client(
                                "Lettuce " + LettuceVersion.getVersion() + " in this JVM, async, one connection with"
                                        + " auto-flush off: a window of " + window + " commands in flight (" + clients
                                        + " clients x pipelines of "
                                        + PIPELINE
                                        + ", redis-benchmark's in-flight count), each reply's callback sending"
                                        + " the next command and"
                                        + " flushing every " + Math.max(1, window / 4)
                                        + " commands; the commands awaiting replies in a plain"
                                        + " queue (useHashIndexQueue false); every SET's reply compared with OK,"
                                        + " every GET's value compared"
                                        + " byte for byte with what was set, in Netty's buffer, by the codec",
                                window),
                        new CeilingRecord.Warmups(toolWarmup, clientWarmup),
                        rows);
            }
        } finally {
            /* Closes the event loops and timers the client started; without it the JVM keeps their threads. */
            lettuce.shutdown();
        }
    }

    /** Requests for about {@code seconds} at {@code perSecond}, in thousands, at least 1,000. */
    static long requests(double perSecond, int seconds) {
        return Math.max(1_000, Math.round(perSecond * seconds / 1_000) * 1_000);
    }

    static final List<String> CSV_LATENCIES = List.of("avg", "min", "p50", "p95", "p99", "max");

    /** {@code redis-benchmark -t OP -d 5000 -c C -P 16 -n N --csv} on the server; fails unless it ran to its end. */
    static Tools.Measured benchmark(Path tool, int port, String op, int clients, long requests, List<Long> server)
            throws IOException, InterruptedException {
        List<String> command = List.of(
                tool.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-t",
                op,
                "-d",
                Integer.toString(SIZE),
                "-c",
                Integer.toString(clients),
                "-P",
                Integer.toString(PIPELINE),
                "-n",
                Long.toString(requests),
                "--csv");
        Tools.Run run = Tools.run(command, server, 60L + requests / 1_000);
        String shown = String.join(" ", command).replace(tool.toString(), "redis-benchmark");
        String row = run.output()
                .lines()
                .filter(line -> line.startsWith("\"" + op.toUpperCase() + "\""))
                .findFirst()
                .orElse(null);
        if (run.exitCode() != 0 || row == null) {
            throw new IllegalStateException("redis-benchmark failed (exit code " + run.exitCode() + "): "
                    + run.output().strip().replace('\n', ' '));
        }
        // "SET","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",
        // "p95_latency_ms","p99_latency_ms","max_latency_ms"
        String[] fields = row.replace("\"", "").split(",");
        Map<String, Double> latency = new LinkedHashMap<>();
        for (int i = 0; i < CSV_LATENCIES.size() && i + 2 < fields.length; i++) {
            latency.put(CSV_LATENCIES.get(i), Double.parseDouble(fields[i + 2]));
        }
        long errors = run.output()
                .lines()
                .filter(line -> line.contains("Error") || line.startsWith("ERR"))
                .count();
        return new Tools.Measured(shown, run, Double.parseDouble(fields[1]), requests, errors, latency);
    }
}
