package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import objectstore.provisioning.BucketLifecycle;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client hosts that begin their rounds together through a shared folder, and a bucket of each one's own. */
class StartGateTest {

    @TempDir
    Path temp;

    @Test
    void hostsAgreeOnOneStartAfterTheLastIsReady() throws Exception {
        StartGate a = gate("a", 2, 1);
        StartGate b = gate("b", 2, 1);
        CompletableFuture<Instant> first = CompletableFuture.supplyAsync(() -> await(a));
        Thread.sleep(300); // b is ready later: the start counts from b's time
        Instant before = Instant.now();
        Instant second = await(b);

        assertThat(first.join()).isEqualTo(second);
        assertThat(second).isBetween(before.plusMillis(900), before.plusMillis(1500));
        assertThat(Instant.now()).isAfterOrEqualTo(second);
        assertThat(Files.readString(temp.resolve("ready-a"), StandardCharsets.UTF_8))
                .startsWith("20");
    }

    @Test
    void aHostAloneGivesUpAfterTheTimeout() {
        Map<String, String> env = Map.of(
                StartGate.DIR,
                temp.toString(),
                StartGate.HOSTS,
                "2",
                StartGate.TIMEOUT,
                "1",
                BucketLifecycle.SUFFIX_VARIABLE,
                "a");
        assertThatThrownBy(() -> StartGate.from(env).await(quiet()))
                .isInstanceOf(UserError.class)
                .hasMessage("only 1 of 2 hosts were ready in " + temp + " after 1 s (OBJECTSTORE_START_HOSTS=2)");
    }

    @Test
    void aFolderLeftFromAnEarlierRunIsRefused() throws Exception {
        Files.writeString(temp.resolve("ready-old"), "2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> gate("a", 1, 0).await(quiet()))
                .isInstanceOf(UserError.class)
                .hasMessage("2 ready files in " + temp
                        + " for 1 hosts: a folder left from an earlier run?"
                        + " give each run a fresh OBJECTSTORE_START_DIR");
    }

    @Test
    void theEnvironmentSaysWhetherAndHowManyOrItIsOneLine() {
        assertThat(StartGate.from(Map.of())).isNull();
        assertThatThrownBy(() -> StartGate.from(Map.of(StartGate.DIR, "/tmp/start")))
                .isInstanceOf(UserError.class)
                .hasMessage("OBJECTSTORE_START_DIR is set, so OBJECTSTORE_START_HOSTS must say how many hosts"
                        + " start together");
        assertThatThrownBy(() -> StartGate.from(Map.of(StartGate.DIR, "/tmp/start", StartGate.HOSTS, "two")))
                .isInstanceOf(UserError.class)
                .hasMessage("OBJECTSTORE_START_HOSTS must be a whole number, at least 1, not 'two'");
    }

    @Test
    void aBucketSuffixMakesABucketOfTheClientsOwn() {
        assertThat(BucketLifecycle.bucketName("05-lite-http-s3", null)).isEqualTo("lite-http-s3");
        assertThat(BucketLifecycle.bucketName("05-lite-http-s3", " ")).isEqualTo("lite-http-s3");
        assertThat(BucketLifecycle.bucketName("05-lite-http-s3", "2")).isEqualTo("lite-http-s3-2");
        assertThatThrownBy(() -> BucketLifecycle.bucketName("05-lite-http-s3", "x".repeat(60)))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("OBJECTSTORE_BUCKET_SUFFIX='xxx")
                .hasMessageEndingWith("it must be 3 to 63 characters long");
    }

    private StartGate gate(String name, int hosts, int leadSeconds) {
        return StartGate.from(Map.of(
                StartGate.DIR,
                temp.toString(),
                StartGate.HOSTS,
                Integer.toString(hosts),
                StartGate.LEAD,
                Integer.toString(leadSeconds),
                BucketLifecycle.SUFFIX_VARIABLE,
                name));
    }

    private static Instant await(StartGate gate) {
        try {
            return gate.await(quiet());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
