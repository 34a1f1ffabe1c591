package objectstore.litehttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 05 when its store dies half-way, and in a short soak. */
class LiteHttpS3FaultsTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(LiteHttpS3PutGet.CHAPTER, env, args);
    }

    @Test
    void aStoreKilledMidRunEndsTheRunQuicklyWithTheCountsAndTheEndpoint() throws Exception {
        try (EmbeddedS3Proxy store = EmbeddedS3Proxy.start(Backend.DISK, Path.of("target", "fault-stores"))) {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ENDPOINT_URL", store.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());
            env.put("HOME", temp.toString());

            CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> run(
                    env,
                    "--iterations",
                    "20000",
                    "--size",
                    "1000",
                    "--concurrency",
                    "16",
                    "--rounds",
                    "1",
                    "--warmup",
                    "0"));
            // Kill S3Proxy outright once 100 objects are on its disk.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (objectFiles(store.workDir()) < 100 && !running.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(running)
                    .as("the run was still going when the store was killed")
                    .isNotDone();
            ProcessHandle.of(store.pid()).ifPresent(ProcessHandle::destroyForcibly);
            long killed = System.nanoTime();

            Outcome outcome = running.get(30, TimeUnit.SECONDS);
            long seconds = (System.nanoTime() - killed) / 1_000_000_000;
            assertThat(seconds)
                    .as("seconds from the kill to the end of the run")
                    .isLessThan(30);
            outcome.failedWithOneLine();
            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.err())
                    .contains("the store at " + store.endpoint() + " stopped answering")
                    .contains("operations verified")
                    .contains("failed or not attempted")
                    .contains(store.endpoint().toString());
        }
    }

    @Test
    void aShortSoakReportsEveryIntervalAndLosesNothing() throws Exception {
        Path json = temp.resolve("soak.json");
        Outcome outcome = run(
                ExperimentRuns.externalS3Env(temp),
                "--duration",
                "3",
                "--concurrency",
                "8",
                "--size",
                "500",
                "--json",
                json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("soak: 3 s of put/get/list/delete");
        assertThat(outcome.out().lines().filter(l -> l.startsWith("soak ")).count())
                .isGreaterThanOrEqualTo(3);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("passed").asBoolean()).isTrue();
        assertThat(root.path("soak").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode interval : root.path("soak")) {
            assertThat(interval.path("errors").asLong()).isZero();
            assertThat(interval.path("operations").asLong()).isPositive();
            assertThat(interval.path("latencyMs").has("p99")).isTrue();
        }
        JsonNode total = root.path("phases").get(0);
        assertThat(total.path("errors").asLong()).isZero();
        assertThat(total.path("verified").asLong())
                .isEqualTo(total.path("items").asLong());
        ExperimentRuns.assertBucketGone("lite-http-s3");
    }

    private static long objectFiles(Path workDir) throws IOException {
        Path data = workDir.resolve("data");
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (var files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a file was renamed while we walked: look again at the next poll
        }
    }
}
