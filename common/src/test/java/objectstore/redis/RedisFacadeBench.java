package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import objectstore.provisioning.EmbeddedRedis;

/**
 * What S3 semantics cost: puts and gets through the Redis facade against bare SET and GET on the same kind of
 * connection.
 */
public final class RedisFacadeBench {

    private RedisFacadeBench() {}

    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("bench.items", 50_000);
        int size = Integer.getInteger("bench.size", 5_000);
        int inFlight = Integer.getInteger("bench.inflight", 200);
        byte[] data = new byte[size];
        new Random(1).nextBytes(data);
        String[] keys = new String[items];
        for (int i = 0; i < items; i++) {
            keys[i] = String.format("k/%06d", i);
        }

        try (EmbeddedRedis server = EmbeddedRedis.start(Path.of("target", "bench"))) {
            RedisClient bareClient = RedisClient.create(server.uri().toString());
            try (RedisObjectStore facade = RedisObjectStore.open(server.uri(), Duration.ofSeconds(60));
                    StatefulRedisConnection<byte[], byte[]> bareConnection =
                            bareClient.connect(ByteArrayCodec.INSTANCE)) {
                RedisAsyncCommands<byte[], byte[]> bare = bareConnection.async();
                System.out.printf(
                        "store: %s at %s; client: %s and bare Lettuce SET/GET%n",
                        server.product(), server.endpoint(), facade.description());
                System.out.printf(
                        "items: %,d of %,d bytes, %d in flight, one connection each; %d cores%n%n",
                        items, size, inFlight, Runtime.getRuntime().availableProcessors());

                /* The facade: each put is a SET of header + bytes and the INDEX script (bucket check, time, ZADD), each get a GETRANGE. */
                IntFunction<CompletableFuture<?>> facadePut = i -> facade.putObject("bench", keys[i], data);
                IntFunction<CompletableFuture<?>> facadeGet = i -> facade.getObject("bench", keys[i]);

                /* Bare Lettuce: one SET or GET per item, the key encoded from the same strings. */
                IntFunction<CompletableFuture<?>> barePut =
                        i -> bare.set(("bare/" + keys[i]).getBytes(UTF_8), data).toCompletableFuture();
                IntFunction<CompletableFuture<?>> bareGet =
                        i -> bare.get(("bare/" + keys[i]).getBytes(UTF_8)).toCompletableFuture();

                /* Bare SET plus the MD5 the facade computes for each ETag: separates the hash's cost from the script's. */
                IntFunction<CompletableFuture<?>> barePutWithMd5 = i -> {
                    md5(data);
                    return bare.set(("bare/" + keys[i]).getBytes(UTF_8), data).toCompletableFuture();
                };

                /*
                 * Two rounds, the first a warm-up that is not printed: it lets the JIT compile both paths and
                 * lets Redis's allocator grow to the data set once, so neither side pays for first-touch memory
                 * the other gets for free. Each side starts from an empty database.
                 */
                double facadePuts = 0;
                double facadeGets = 0;
                double barePuts = 0;
                double bareGets = 0;
                double barePutsWithMd5 = 0;
                for (int round = 0; round < 2; round++) {
                    bare.flushall().get();
                    facade.createBucket("bench").join();
                    facadePuts = run(items, inFlight, facadePut);
                    facadeGets = run(items, inFlight, facadeGet);
                    bare.flushall().get();
                    barePuts = run(items, inFlight, barePut);
                    bareGets = run(items, inFlight, bareGet);
                    bare.flushall().get();
                    barePutsWithMd5 = run(items, inFlight, barePutWithMd5);
                }

                System.out.printf("%-22s %12s %12s%n", "", "put items/s", "get items/s");
                System.out.printf("%-22s %,12.0f %,12.0f%n", "facade (S3 semantics)", facadePuts, facadeGets);
                System.out.printf("%-22s %,12.0f %,12.0f%n", "bare SET/GET", barePuts, bareGets);
                System.out.printf("%-22s %,12.0f %12s%n", "bare SET + MD5", barePutsWithMd5, "");
                System.out.printf(
                        "%-22s %11.2fx %11.2fx%n", "facade / bare", facadePuts / barePuts, facadeGets / bareGets);
            } finally {
                bareClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues {@code count} requests with at most {@code inFlight} outstanding; returns requests per second. */
    private static double run(int count, int inFlight, IntFunction<CompletableFuture<?>> request)
            throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            request.apply(i).whenComplete((result, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " requests failed");
        }
        return count / seconds;
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw -q -pl common test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp common/target/test-classes:common/target/classes:$(cat common/target/cp.txt) objectstore.redis.RedisFacadeBench
 *
 * WHAT YOU SHOULD SEE (2 cores, nothing else running, embedded Redis 6.2.11, 50,000 items of 5,000
 * bytes, 200 in flight; three runs, so ranges)
 *
 *                          put items/s       get items/s
 *   facade (S3 semantics)  51,000-60,000     140,000-155,000
 *   bare SET/GET           104,000-116,000   98,000-131,000
 *   bare SET + MD5         71,000-76,000
 *
 * A facade get is one GETRANGE, and the facade's connection writes the commands issued together in one
 * write (a FlushConsolidationHandler in its pipeline), where the bare connection writes each command on
 * its own: so the facade's gets can pass the bare ones. A facade put keeps about half the bare rate, and
 * the "bare SET + MD5" row shows where most of it goes: the ETag's MD5, about 6 us of CPU per 5,000 bytes
 * on the caller's thread, competing for the same two cores as Redis and Lettuce's I/O thread. The INDEX
 * script (bucket check, TIME, ZADD), sent in the same write as the SET, costs the rest.
 */
