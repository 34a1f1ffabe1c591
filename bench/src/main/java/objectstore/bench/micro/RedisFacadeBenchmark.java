package objectstore.bench.micro;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import objectstore.bench.ceiling.Cpu;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.ModuleDir;
import objectstore.redis.RedisObjectStore;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What S3's semantics cost on Redis: the facade's PUT beside a bare Lettuce SET of the same bytes, and beside a bare
 * SET plus the MD5 the facade computes for each ETag, at the same number of requests in flight.
 *
 * <p>Each form runs in a JVM of its own against a redis-server of its own, started here (the bundled one, or the one
 * {@code REDIS_SERVER} names) and stopped at the end. One operation is one request: the benchmark's thread takes a
 * permit ({@code inFlight} of them), sends, and the answer gives the permit back, so the server always has
 * {@code inFlight} requests to work on. The keys cycle through {@code objects} names. At the end of every iteration the
 * requests still out are awaited, and every key that iteration wrote is read back and compared with what was sent; a
 * failed request, a wrong ETag or other bytes fail the run.
 *
 * <p>The facade's connection writes commands issued together in one write; the bare connection, Lettuce's default,
 * writes each command on its own. A facade PUT is a SET of a 45-byte header and the bytes, and the INDEX script (bucket
 * check, time, ZADD), sent together; see page 08.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisFacadeBenchmark {

    static final String BUCKET = "bench";

    /** How many different payloads the keys take in turn: a value read back under another key is caught. */
    private static final int PAYLOADS = 61;

    /** Requests in flight, for every form. */
    @Param("200")
    public int inFlight;

    /** Bytes per object. */
    @Param("5000")
    public int size;

    /** How many keys the writes cycle through. */
    @Param("50000")
    public int objects;

    EmbeddedRedis server;
    RedisObjectStore facade;
    private RedisClient bareClient;
    private StatefulRedisConnection<byte[], byte[]> bareConnection;
    private RedisAsyncCommands<byte[], byte[]> bare;

    String[] keys;
    private byte[][] payloads;
    private String[] eTags;
    private Semaphore window;
    private final AtomicLong failures = new AtomicLong();
    private MessageDigest md5;
    private boolean facadeWrites;
    private int next;
    private long written;

    /**
     * What an iteration cost and checked, reported beside the rate: this JVM's CPU time while it sent (the caller's
     * thread, Lettuce's, the GC's; see {@link ProcessCpu}), then the objects read back and found as written.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Checked {
        /** CPU nanoseconds this JVM used during the iteration, its check excluded. */
        public long cpuNanos;

        /** Objects read back and found as written. */
        public long verified;

        private long start;

        @Setup(Level.Iteration)
        public void begin() {
            start = Cpu.processCpuNanos();
        }

        @TearDown(Level.Iteration)
        public void verify(RedisFacadeBenchmark benchmark) {
            benchmark.awaitAnswers();
            cpuNanos = Cpu.processCpuNanos() - start;
            verified = benchmark.verify();
        }
    }

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws NoSuchAlgorithmException {
        open(params.getBenchmark().endsWith(".facadePut"));
    }

    /** Starts the server and both clients; the check reads back through the facade when {@code facadeWrites}. */
    void open(boolean facadeWrites) throws NoSuchAlgorithmException {
        this.facadeWrites = facadeWrites;
        md5 = MessageDigest.getInstance("MD5");
        Random random = new Random(1);
        payloads = new byte[PAYLOADS][size];
        eTags = new String[PAYLOADS];
        for (int p = 0; p < PAYLOADS; p++) {
            random.nextBytes(payloads[p]);
            eTags[p] = HexFormat.of().formatHex(md5.digest(payloads[p]));
        }
        keys = new String[objects];
        for (int i = 0; i < objects; i++) {
            keys[i] = String.format("k/%06d", i);
        }
        window = new Semaphore(inFlight);
        server = EmbeddedRedis.start(ModuleDir.resolve("target/micro"));
        facade = RedisObjectStore.open(server.uri(), Duration.ofSeconds(60));
        facade.createBucket(BUCKET).join();
        bareClient = RedisClient.create(server.uri().toString());
        bareConnection = bareClient.connect(ByteArrayCodec.INSTANCE);
        bare = bareConnection.async();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try (EmbeddedRedis stopping = server;
                RedisObjectStore closing = facade) {
            bareConnection.close();
            bareClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        written = 0;
    }

    /** Bare Lettuce: one SET per object, the key encoded from the same strings as the facade's. */
    @Benchmark
    public void bareSet(Checked checked) throws InterruptedException {
        window.acquire();
        int i = nextKey();
        bare.set(bareKey(i), payload(i)).whenComplete((ok, failure) -> answered("OK".equals(ok), failure));
    }

    /** A bare SET after the MD5 the facade computes for each ETag, on the same thread: the hash's share of the gap. */
    @Benchmark
    public void bareSetWithMd5(Checked checked) throws InterruptedException {
        window.acquire();
        int i = nextKey();
        String eTag = HexFormat.of().formatHex(md5.digest(payload(i)));
        bare.set(bareKey(i), payload(i))
                .whenComplete((ok, failure) -> answered("OK".equals(ok) && eTag.equals(eTag(i)), failure));
    }

    /** The facade's PUT: S3's semantics, an ETag, an index entry and a bucket that must exist. */
    @Benchmark
    public void facadePut(Checked checked) throws InterruptedException {
        window.acquire();
        int i = nextKey();
        facade.putObject(BUCKET, keys[i], payload(i))
                .whenComplete((eTag, failure) -> answered(eTag(i).equals(eTag), failure));
    }

    /** Awaits the answers still out; a failed request, or a wrong answer, fails the run. */
    void awaitAnswers() {
        window.acquireUninterruptibly(inFlight);
        window.release(inFlight);
        long failed = failures.getAndSet(0);
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + written + " requests failed or answered wrongly");
        }
    }

    /** Reads back every key this iteration wrote, and compares; returns how many. */
    int verify() {
        int count = (int) Math.min(written, objects);
        int first = Math.floorMod(next - count, objects);
        IntFunction<CompletionStage<byte[]>> read =
                facadeWrites ? i -> facade.getObject(BUCKET, keys[i]) : i -> bare.get(bareKey(i));
        for (int n = 0; n < count; n++) {
            int i = (first + n) % objects;
            window.acquireUninterruptibly();
            read.apply(i).whenComplete((value, failure) -> answered(Arrays.equals(value, payload(i)), failure));
        }
        window.acquireUninterruptibly(inFlight);
        window.release(inFlight);
        long failed = failures.getAndSet(0);
        if (failed > 0) {
            throw new IllegalStateException(
                    failed + " of " + count + " objects read back differ from what was written");
        }
        return count;
    }

    /** The index of the key a request that holds a permit writes next; the keys cycle, and each is counted. */
    private int nextKey() {
        int i = next;
        next = i + 1 == objects ? 0 : i + 1;
        written++;
        return i;
    }

    private void answered(boolean right, Throwable failure) {
        if (failure != null || !right) {
            failures.incrementAndGet();
        }
        window.release();
    }

    private byte[] bareKey(int i) {
        return ("bare/" + keys[i]).getBytes(UTF_8);
    }

    private byte[] payload(int i) {
        return payloads[i % PAYLOADS];
    }

    private String eTag(int i) {
        return eTags[i % PAYLOADS];
    }

    /*
     * HOW TO RUN THIS
     *   ./mvnw -q install -DskipTests        (once)
     *   ./mvnw -q -pl bench exec:java -Dexec.args="--micro facade --out target/facade-bench.json"
     *   (REDIS_SERVER=system runs Debian's redis-server instead of the bundled one)
     *
     * WHAT YOU SHOULD SEE
     *   A line per round and form, then the record: each form's writes a second with their 99.9%
     *   confidence interval, this JVM's CPU time per write, and how many objects were read back and found
     *   as written. The bare SET should lead; the bare SET after the MD5 shows how much of the facade's gap
     *   the ETag's hash explains, on the caller's thread and on the same cores as Redis; the rest is the
     *   facade's own work (the header, the INDEX script). Page 08 quotes
     *   docs/records/08-lite-over-redis/facade-bench.json.
     */
}
