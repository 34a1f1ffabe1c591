package objectstore.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.lite.TransferSettings;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.Request;
import objectstore.testing.FaultProxy.Stall;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/lite-s3} as a user runs it, a child JVM per command: stdout is the answer and nothing else, stderr is
 * empty (no JVM warning about native access, no log line), on whichever JDK runs the build.
 */
class LiteS3ScriptTest {

    static Path script;

    @TempDir
    Path temp;

    @BeforeAll
    static void findTheScript() {
        Path module = Path.of("").toAbsolutePath();
        script = module.resolveSibling("scripts").resolve("lite-s3");
        assertThat(script).as("the script beside this module").isExecutable();
        // The build writes the classpath the script runs on (common/pom.xml, lite-s3-classpath).
        Assumptions.assumeTrue(
                Files.isRegularFile(module.resolve("target/lite-s3.classpath")),
                "target/lite-s3.classpath is written by the Maven build; run this test through ./mvnw");
    }

    /** What one run printed. */
    record Outcome(int code, String out, String err) {}

    Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return finish(start(env, args), args);
    }

    /** A run of the script under way; its output goes to files in the test's folder. */
    record Running(Process process, Path out, Path err) {}

    Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // Options the JVM would announce on stderr ("Picked up ...") belong to the environment, not to the script.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().put("HOME", temp.toString());
        builder.environment().putAll(env);
        return new Running(builder.start(), out, err);
    }

    static Outcome finish(Running running, String... args) throws IOException, InterruptedException {
        assertThat(running.process().waitFor(120, TimeUnit.SECONDS))
                .as("lite-s3 %s finished", String.join(" ", args))
                .isTrue();
        return new Outcome(
                running.process().exitValue(),
                Files.readString(running.out(), StandardCharsets.UTF_8),
                Files.readString(running.err(), StandardCharsets.UTF_8));
    }

    static Map<String, String> s3() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", TestStores.s3().endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", TestStores.s3().credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", TestStores.s3().credentials().secretAccessKey());
        return env;
    }

    static void assertAnswer(Outcome outcome, String stdout) {
        assertThat(outcome.err()).as("stderr").isEmpty();
        assertThat(outcome.out()).isEqualTo(stdout);
        assertThat(outcome.code()).isZero();
    }

    @Test
    void onS3TheScriptPrintsItsAnswerAndNothingElse() throws Exception {
        String bucket = "script-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(temp.resolve("hello.txt"), "hello\n");
        String eTag = "b1946ac92492d2347c6235b4d2611184";
        String nl = System.lineSeparator();

        assertAnswer(run(s3(), "mb", "s3://" + bucket), "created bucket s3://" + bucket + nl);
        assertAnswer(
                run(s3(), "put", file.toString(), "s3://" + bucket + "/a key"),
                "uploaded " + file + " to s3://" + bucket + "/a key (6 bytes, ETag " + eTag + ")" + nl);
        assertAnswer(run(s3(), "ls", "s3://" + bucket), "           6  a key" + nl);
        assertAnswer(run(s3(), "get", "s3://" + bucket + "/a key", "-"), "hello\n");
        assertAnswer(run(s3(), "rm", "s3://" + bucket + "/a key"), "deleted s3://" + bucket + "/a key" + nl);
        assertAnswer(run(s3(), "rb", "s3://" + bucket), "removed bucket s3://" + bucket + nl);

        Outcome refused = run(s3(), "mb", "s3://a..b");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("lite-s3: invalid bucket name 'a..b': it must not contain '..'" + nl);
    }

    /*
     * https trusts the JDK's trust store, so the JDK's own switch changes whom it trusts: here a trust
     * store holding the test's self-signed certificate, given as -Djavax.net.ssl.trustStore through
     * JAVA_TOOL_OPTIONS (the JVM says so on stderr, so only stdout is checked). Without it, the same
     * command fails on the certificate.
     */
    @Test
    void overHttpsTheScriptTrustsWhatTheJdkIsToldToTrust() throws Exception {
        EmbeddedS3Proxy store = TestStores.virtualHostS3();
        String bucket = "script-tls-" + UUID.randomUUID().toString().substring(0, 8);
        try (LiteS3Client admin = LiteS3Client.open(
                store.secureTarget(),
                LiteSettings.defaults().withSslContext(TestStores.certificate().trustingContext()))) {
            admin.createBucket(bucket).join();
        }
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", store.secureEndpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());

        Outcome untrusted = run(env, "ls");
        assertThat(untrusted.code()).isEqualTo(1);
        assertThat(untrusted.out()).isEmpty();
        assertThat(untrusted.err())
                .startsWith("lite-s3: ")
                .contains(store.secureEndpoint().toString())
                .contains("PKIX")
                .contains("javax.net.ssl.trustStore");

        env.put(
                "JAVA_TOOL_OPTIONS",
                "-Djavax.net.ssl.trustStore="
                        + TestStores.certificate().trustStore().toAbsolutePath()
                        + " -Djavax.net.ssl.trustStorePassword="
                        + TestStores.certificate().password());
        Outcome trusted = run(env, "ls");
        assertThat(trusted.code()).as(trusted.err()).isZero();
        assertThat(trusted.out().lines()).contains(bucket);
    }

    /*
     * Ctrl-C in the middle of a cp: SIGINT makes the JVM run cp's shutdown hook, which aborts the multipart
     * upload, or deletes the partial download, before the process exits. A fault proxy holds the second part
     * (the second range) unanswered, so the signal finds the transfer under way however fast the machine is.
     */
    @Test
    void ctrlCInTheMiddleOfACpLeavesNothingBehind() throws Exception {
        EmbeddedS3Proxy store = TestStores.diskS3();
        String bucket = "script-cp-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = CopyTest.randomFile(temp.resolve("twelve.bin"), 12 * 1024 * 1024);
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            admin.createBucket(bucket).join();
            admin.upload(bucket, "whole", file, TransferSettings.defaults())
                    .result()
                    .join();
        }
        String secondPart = "partNumber=2&";
        String secondRange = "bytes=" + 8 * 1024 * 1024 + "-";
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (Request request) -> {
            String range = String.valueOf(request.header("Range"));
            return request.path().contains(secondPart) || range.startsWith(secondRange) ? new Stall() : new Forward();
        })) {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());
            String nl = System.lineSeparator();

            Running upload = start(env, "cp", file.toString(), "s3://" + bucket + "/cut");
            awaitRequest(proxy, request -> request.path().contains(secondPart));
            interrupt(upload.process());
            Outcome up = finish(upload);
            assertThat(up.code()).as("128 + SIGINT").isEqualTo(130);
            assertThat(up.err()).isEqualTo("lite-s3: interrupted; the upload was aborted" + nl);
            assertThat(proxy.requests()).anyMatch(request -> request.method().equals("DELETE"));

            Path folder = Files.createDirectory(temp.resolve("into"));
            Running download = start(env, "cp", "s3://" + bucket + "/whole", folder.toString());
            awaitRequest(
                    proxy, request -> String.valueOf(request.header("Range")).startsWith(secondRange));
            interrupt(download.process());
            Outcome down = finish(download);
            assertThat(down.code()).isEqualTo(130);
            assertThat(down.err()).isEqualTo("lite-s3: interrupted; the partial file was deleted" + nl);
            try (var left = Files.list(folder)) {
                assertThat(left).isEmpty();
            }
        }
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            assertThat(admin.listMultipartUploads(bucket, null).join()).isEmpty();
            assertThat(admin.listObjects(bucket, "cut", null, 10).join().objects())
                    .isEmpty();
        }
    }

    /** SIGINT, as Ctrl-C sends it; the script execs the JVM, so the process is the JVM. */
    static void interrupt(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }

    static void awaitRequest(FaultProxy proxy, Predicate<Request> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (proxy.requests().stream().noneMatch(which)) {
            assertThat(System.nanoTime()).as("the request arrived in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /* Lettuce loads Netty's native transport: without --enable-native-access, JDK 24 and later warn on stderr. */
    @Test
    @Tag("redis")
    void onRedisTooNoWarningReachesStderr() throws Exception {
        String redis = TestStores.redis().uri().toString();
        String bucket = "script-" + UUID.randomUUID().toString().substring(0, 8);
        String nl = System.lineSeparator();

        assertAnswer(run(Map.of(), "--endpoint", redis, "mb", "s3://" + bucket), "created bucket s3://" + bucket + nl);
        assertAnswer(run(Map.of(), "--endpoint", redis, "ls", "s3://" + bucket), "");
        assertAnswer(run(Map.of(), "--endpoint", redis, "rb", "s3://" + bucket), "removed bucket s3://" + bucket + nl);

        Outcome refused = run(Map.of(), "--endpoint", redis, "mb", "s3://a..b");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("lite-s3: invalid bucket name 'a..b': it must not contain '..'" + nl);
    }
}
