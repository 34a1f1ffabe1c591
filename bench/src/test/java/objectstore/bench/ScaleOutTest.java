package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.bench.merge.MergeRecord;
import objectstore.bench.merge.MergedResults;
import objectstore.bench.merge.RunMerger;
import objectstore.bench.scaleout.Entrypoint;
import objectstore.harness.PhaseResult;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.lite.LiteS3Client;
import objectstore.provisioning.Backend;
import objectstore.provisioning.BucketLifecycle;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.provisioning.ParentWatch;
import objectstore.store.ObjectStoreException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on loopback: two client processes of chapter 05 at once against one S3Proxy, each in a JVM of its own
 * started as the container image starts it (Entrypoint), each with its own bucket (OBJECTSTORE_BUCKET_SUFFIX), their
 * rounds begun together through a shared folder (OBJECTSTORE_START_DIR, StartGate); then their results merged.
 *
 * <p>Each client warms up on its own, then waits at the start gate for the other, and both begin their counted round at
 * the same moment. They run an open loop (--rate): a phase lasts iterations / rate seconds whatever the client's speed,
 * so hosts that start together stay together, as they should in a scale-out run.
 */
class ScaleOutTest {

    private static final int CLIENTS = 2;
    /** Objects per phase and the rate each client offers: 2 s a phase, 200 requests a second for the store in all. */
    private static final int OBJECTS = 200;

    private static final int RATE = 100;

    @TempDir
    Path temp;

    @Test
    void clientProcessesAgainstOneStoreMergeIntoOneResult() throws Exception {
        try (EmbeddedS3Proxy store = EmbeddedS3Proxy.start(Backend.MEMORY, temp)) {
            warmUp(store);
            List<Process> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(client(store, i));
            }
            for (int i = 0; i < CLIENTS; i++) {
                Process client = clients.get(i);
                assertThat(client.waitFor(120, TimeUnit.SECONDS))
                        .as("client %d finished", i)
                        .isTrue();
                assertThat(client.exitValue()).as("client %d: %s", i, log(i)).isZero();
                assertThat(log(i)).contains("start: all " + CLIENTS + " hosts ready; starting at");
                System.out.println("client " + i + ":\n" + log(i));
            }
            try (LiteS3Client admin = LiteS3Client.of(store.target())) {
                for (int i = 0; i < CLIENTS; i++) {
                    String bucket = "lite-http-s3-client-" + i;
                    assertThatThrownBy(
                                    () -> admin.listObjects(bucket, "", null, 1).join())
                            .as("bucket %s removed by its client", bucket)
                            .cause()
                            .isInstanceOfSatisfying(
                                    ObjectStoreException.class,
                                    e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
                }
            }
        }

        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            parts.add(temp.resolve("results").resolve("client-" + i + ".json"));
        }
        Path merged = temp.resolve("merged.json");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = Bench.run(
                new String[] {"--merge", temp.resolve("results").toString(), "--out", merged.toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        System.out.println(printed); // in target/surefire-reports: what the merge said
        assertThat(code).as(printed).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("no warning: the clients ran together")
                .isEmpty();

        RunMerger.Merged m = MergedResults.read(merged);
        assertThat(m.merge().hosts()).isEqualTo(CLIENTS);
        assertThat(m.merge().warnings()).isEmpty();
        assertThat(m.run().passed()).isTrue();
        List<RunResult> runs = new ArrayList<>();
        for (Path part : parts) {
            runs.add(ResultsJson.read(part));
        }
        for (int i = 0; i < m.run().phases().size(); i++) {
            int index = i;
            PhaseResult p = m.run().phases().get(i);
            List<PhaseResult> each =
                    runs.stream().map(r -> r.phases().get(index)).toList();
            assertThat(p.items())
                    .isEqualTo(each.stream().mapToInt(PhaseResult::items).sum())
                    .isEqualTo(CLIENTS * OBJECTS);
            assertThat(p.verified())
                    .isEqualTo(each.stream().mapToLong(PhaseResult::verified).sum())
                    .isEqualTo(CLIENTS * OBJECTS);
            assertThat(p.errors())
                    .isEqualTo(each.stream().mapToLong(PhaseResult::errors).sum())
                    .isZero();
            Histogram sum = new Histogram(3);
            Histogram service = new Histogram(3);
            for (PhaseResult e : each) {
                sum.add(decode(e.latencyHistogram()));
                service.add(decode(e.serviceLatencyHistogram()));
            }
            assertThat(p.latencyMs()).isEqualTo(PhaseResult.Latency.of(sum));
            assertThat(p.serviceLatencyMs()).isEqualTo(PhaseResult.Latency.of(service));
            assertThat(p.offeredPerSecond()).isEqualTo(CLIENTS * (double) RATE);
            MergeRecord.PhaseWindows w = m.merge().phases().get(i);
            assertThat(w.shared().seconds())
                    .as("%s: the clients ran together", p.op())
                    .isPositive();
            assertThat(w.overlapPercent())
                    .as("%s overlap; %s", p.op(), printed)
                    .isGreaterThanOrEqualTo(RunMerger.LOW_OVERLAP_PERCENT);
        }
    }

    /*
     * A store just started answers its first requests slowly (its JIT): the clients would measure that
     * instead of each other. Some PUTs and GETs first, from here, in a bucket of their own.
     */
    private static void warmUp(EmbeddedS3Proxy store) {
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            admin.createBucket("warm-up").join();
            byte[] data = new byte[5000];
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<byte[]>> putThenGet = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String key = "k" + i;
                    putThenGet.add(
                            admin.putObject("warm-up", key, data).thenCompose(etag -> admin.getObject("warm-up", key)));
                }
                putThenGet.forEach(CompletableFuture::join);
            }
            BucketLifecycle.delete(admin, "warm-up");
        }
    }

    /** Client {@code index}: chapter 05 in a JVM of its own, through the image's entry point, its output in a log. */
    private Process client(EmbeddedS3Proxy store, int index) throws IOException {
        Path home = Files.createDirectories(temp.resolve("client-" + index));
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dobjectstore.module.dir=" + home,
                "-cp",
                String.join(File.pathSeparator, ChildJvm.classpath()),
                ParentWatch.class.getName(),
                Entrypoint.class.getName(),
                "05-lite-http-s3",
                "--store",
                "external",
                "--iterations",
                String.valueOf(OBJECTS),
                "--rate",
                String.valueOf(RATE),
                "--concurrency",
                "50",
                "--rounds",
                "1",
                "--warmup",
                "100",
                "--warmup-seconds",
                "20",
                "--json",
                temp.resolve("results").resolve("client-" + index + ".json").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", store.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());
        env.put("OBJECTSTORE_BUCKET_SUFFIX", "client-" + index);
        env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
        env.put("OBJECTSTORE_START_DIR", temp.resolve("start").toString());
        env.put("OBJECTSTORE_START_HOSTS", Integer.toString(CLIENTS));
        env.put("OBJECTSTORE_START_LEAD_SECONDS", "1");
        return builder.start();
    }

    private String log(int index) throws IOException {
        return Files.readString(temp.resolve("client-" + index).resolve("out.log"), StandardCharsets.UTF_8);
    }

    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64)), 0);
    }
}
