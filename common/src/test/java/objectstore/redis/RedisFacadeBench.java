package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import objectstore.provisioning.EmbeddedRedis;

/** What S3 semantics cost: puts and gets through the Redis facade against bare SET and GET on the same kind of connection. */
public final class RedisFacadeBench {

    private RedisFacadeBench() {
    }

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
                 StatefulRedisConnection<byte[], byte[]> bareConnection = bareClient.connect(ByteArrayCodec.INSTANCE)) {
                RedisAsyncCommands<byte[], byte[]> bare = bareConnection.async();
                System.out.printf("store: %s at %s; client: %s and bare Lettuce SET/GET%n",
                        server.product(), server.endpoint(), facade.description());
                System.out.printf("items: %,d of %,d bytes, %d in flight, one connection each; %d cores%n%n",
                        items, size, inFlight, Runtime.getRuntime().availableProcessors());

                /* The facade: each put is EVALSHA (bucket check, SET with header, ZADD), each get EVALSHA (EXISTS, GETRANGE). */
                IntFunction<CompletableFuture<?>> facadePut = i -> facade.putObject("bench", keys[i], data);
                IntFunction<CompletableFuture<?>> facadeGet = i -> facade.getObject("bench", keys[i]);

                /* Bare Lettuce: one SET or GET per item, the key encoded from the same strings. */
                IntFunction<CompletableFuture<?>> barePut = i -> bare.set(("bare/" + keys[i]).getBytes(UTF_8), data).toCompletableFuture();
                IntFunction<CompletableFuture<?>> bareGet = i -> bare.get(("bare/" + keys[i]).getBytes(UTF_8)).toCompletableFuture();

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
                System.out.printf("%-22s %11.2fx %11.2fx%n", "facade / bare", facadePuts / barePuts, facadeGets / bareGets);
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
    private static double run(int count, int inFlight, IntFunction<CompletableFuture<?>> request) throws InterruptedException {
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
 * WHAT YOU SHOULD SEE (2 cores shared with other work, embedded Redis 6.2.11, 50,000 items of
 * 5,000 bytes, 200 in flight; three runs, so ranges)
 *
 *                          put items/s       get items/s
 *   facade (S3 semantics)  19,000-25,000     41,000-64,000
 *   bare SET/GET           40,000-71,000     42,000-85,000
 *   bare SET + MD5         24,000-41,000
 *
 * A facade get is a script call (EXISTS, GETRANGE) where a bare get is a GET: it keeps roughly three
 * quarters of the bare rate. A facade put keeps a third to a half, and the "bare SET + MD5" row shows
 * where most of it goes: the ETag's MD5, about 10 us of CPU per 5,000 bytes on the caller's thread,
 * competing for the same two cores as Redis and Lettuce's I/O thread. The script (bucket check, TIME,
 * SET with header, ZADD into the index) costs the rest. Every row stays far above the HTTP clients of
 * chapters 01-05.
 */
