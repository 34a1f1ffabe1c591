package objectstore.tools;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.provisioning.ModuleDir;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;

/**
 * How close does the lite client come to the server's own limit? One embedded S3Proxy, one object:
 * first {@code wrk} (a C load generator) GETs it through a presigned URL from the lite client, then the
 * lite client GETs it for as long with the same number of requests in flight, verifying every byte.
 */
public final class ServerCeiling {

    private ServerCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        try (EmbeddedS3Proxy s3 = EmbeddedS3Proxy.start(Backend.MEMORY, ModuleDir.resolve("target/embedded-stores"));
             LiteS3Client lite = LiteS3Client.open(s3.target(), LiteSettings.defaults().withMaxInFlight(connections))) {
            TestObject object = TestObjects.make(1, size, 7).getFirst();
            lite.createBucket("ceiling").join();
            lite.putObject("ceiling", object.key(), object.data()).join();
            System.out.printf("server: embedded S3Proxy (memory backend) at %s; one %,d-byte object; %d in flight; %d s each%n",
                    s3.endpoint(), size, connections, seconds);

            // 1. Warm both JVMs up (the server's JIT too) before anything is counted.
            URI url = lite.presign("GET", "ceiling", object.key(), 3600);
            window(lite, object, connections, seconds, new long[2]);
            wrk(url, Math.max(3, seconds / 2), connections);

            // 2. The server's ceiling, measured by wrk on a presigned URL (no signing work on wrk's side).
            double wrkRate = wrk(url, seconds, connections);

            // 3. The lite client on the same server and object: a sliding window, every body compared.
            long[] counts = new long[2];
            double liteRate = window(lite, object, connections, seconds, counts);
            System.out.printf("wrk:  %,.0f GETs/s%nlite: %,.0f GETs/s (%,d verified, %,d errors) = %.0f%% of wrk's%n",
                    wrkRate, liteRate, counts[0], counts[1], 100 * liteRate / wrkRate);

            lite.deleteObject("ceiling", object.key()).join();
            lite.deleteBucket("ceiling").join();
        }
        System.exit(0);
    }

    /** Runs wrk for {@code seconds} and returns its requests per second; fails unless every answer was a 200. */
    static double wrk(URI url, int seconds, int connections) throws IOException, InterruptedException {
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", url.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: apt-get install wrk", e);
        }
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor(seconds + 30L, TimeUnit.SECONDS);
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk got errors from the server:\n" + out);
        }
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + out);
        }
        return Double.parseDouble(rate.group(1));
    }

    /** GETs the object with {@code connections} in flight for {@code seconds}; counts[0] verified, counts[1] errors. */
    static double window(LiteS3Client lite, TestObject object, int connections, int seconds, long[] counts) throws InterruptedException {
        Semaphore inFlight = new Semaphore(connections);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        java.util.concurrent.atomic.LongAdder verified = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder errors = new java.util.concurrent.atomic.LongAdder();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            lite.getObject("ceiling", object.key()).whenComplete((read, error) -> {
                if (error == null && object.matches(read)) {
                    verified.increment();
                } else {
                    errors.increment();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(connections);
        double elapsed = (System.nanoTime() - start) / 1e9;
        counts[0] = verified.sum();
        counts[1] = errors.sum();
        if (counts[1] > 0) {
            throw new IllegalStateException(counts[1] + " GETs failed or returned other bytes");
        }
        return counts[0] / elapsed;
    }
}

/*
 * HOW TO RUN THIS
 *
 *   apt-get install wrk                   (once)
 *   ./mvnw -q install -DskipTests         (once)
 *   ./mvnw -q -pl common exec:java -Dexec.mainClass=objectstore.tools.ServerCeiling -Dexec.args="10 64"
 *
 * WHAT YOU SHOULD SEE
 *
 *   wrk's GET rate on the in-memory S3Proxy (tens of thousands a second on 2 cores) and the lite
 *   client's, with its fraction. Both share the machine with the server, so neither is alone.
 */
