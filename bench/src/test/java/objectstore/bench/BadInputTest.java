package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import objectstore.provisioning.BucketLifecycle;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chapter's real {@code main}, in its own JVM, given bad input: each answer is one line on stderr that names the
 * problem, exit code 2 (bad options) or 1 (a problem found at run time), no stack trace, and nothing left behind: no
 * bucket, no child process, no file under the run's target/.
 */
class BadInputTest {

    /** A chapter's main class and whether it runs on S3 (else Redis). */
    record Chapter(String experiment, String mainClass, boolean s3) {
        @Override
        public String toString() {
            return experiment;
        }
    }

    /** The book's chapters (not the peers). */
    static final List<Chapter> CHAPTERS = Chapters.ALL.stream()
            .filter(c -> !c.peer())
            .map(c -> new Chapter(c.name(), c.mainClass(), c.store() == Chapters.Store.S3))
            .toList();

    @TempDir
    Path temp;

    /** What a child JVM printed and returned. */
    record Outcome(int exitCode, String out, String err) {}

    /** Bad options: the same parser behind every chapter, reached through each chapter's own main. */
    static Stream<Arguments> badOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (Chapter chapter : CHAPTERS) {
            String endpoint = chapter.s3() ? "--endpoint" : "--redis";
            cases.add(Arguments.of(chapter, List.of("--iterations", "0"), "--iterations must be at least 1"));
            cases.add(Arguments.of(chapter, List.of("--size", "12abc"), "--size must be a whole number"));
            cases.add(Arguments.of(chapter, List.of("--frobnicate", "1"), "unknown option --frobnicate"));
            cases.add(Arguments.of(chapter, List.of(endpoint, "http://exa mple:9001"), "is not a valid URL"));
            cases.add(Arguments.of(chapter, List.of(endpoint, "ftp://127.0.0.1:21"), "has scheme 'ftp'"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    void badOptionsAreOneLineExitTwoAndLeaveNothing(Chapter chapter, List<String> args, String expected)
            throws Exception {
        Outcome outcome = runLeavingNothing(chapter, Map.of(), args);

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).startsWith(chapter.experiment() + ": ").contains(expected);
    }

    /** Credentials problems, found when an S3 chapter looks up keys for an external store. */
    static Stream<Arguments> badCredentials() {
        List<Arguments> cases = new ArrayList<>();
        for (Chapter chapter : CHAPTERS.subList(0, 5)) {
            cases.add(Arguments.of(chapter, "missing", "does not exist"));
            cases.add(Arguments.of(chapter, "malformed", "is not a valid [profile] header"));
            cases.add(Arguments.of(chapter, "no-such-profile", "profile 'nobody' (from AWS_PROFILE) is not in"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} credentials {1}")
    @MethodSource("badCredentials")
    void credentialsProblemsAreOneLineThatSaysWhatToFix(Chapter chapter, String problem, String expected)
            throws Exception {
        Path file = temp.resolve("credentials");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", TestStores.s3().endpoint().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", file.toString());
        switch (problem) {
            case "missing" -> {}
            case "malformed" -> Files.writeString(file, "[minio\naws_access_key_id = x\n");
            default -> {
                Files.writeString(file, "[minio]\naws_access_key_id = x\naws_secret_access_key = y\n");
                env.put("AWS_PROFILE", "nobody");
            }
        }
        Outcome outcome =
                runLeavingNothing(chapter, env, List.of("--iterations", "5", "--warmup", "0", "--rounds", "1"));

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).startsWith(chapter.experiment() + ": ").contains(expected);
    }

    @Test
    void anUnreadableCredentialsFileIsNamed() throws Exception {
        Assumptions.assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "runs as root, who reads any file whatever its permissions: an unreadable file cannot be made");
        Path file = Files.writeString(
                temp.resolve("credentials"), "[minio]\naws_access_key_id = x\naws_secret_access_key = y\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL",
                TestStores.s3().endpoint().toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                file.toString());
        Outcome outcome = runLeavingNothing(CHAPTERS.getFirst(), env, List.of("--iterations", "5"));

        assertThat(outcome.err()).contains("cannot read " + file).contains("check its permissions");
    }

    /** Runs a chapter's main in a new JVM and checks it failed cleanly and left nothing behind. */
    Outcome runLeavingNothing(Chapter chapter, Map<String, String> env, List<String> args) throws Exception {
        Set<Long> before = ExperimentRuns.childProcesses();
        Path moduleDir = Files.createDirectories(temp.resolve(chapter.experiment()));
        Outcome outcome = runMain(chapter.mainClass(), moduleDir, env, args);

        assertThat(outcome.err().strip().lines().count())
                .as("stderr: %s", outcome.err())
                .isEqualTo(1);
        assertThat(outcome.out() + outcome.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(ExperimentRuns.childProcesses()).as("child processes").isSubsetOf(before);
        assertThat(filesUnder(moduleDir.resolve("target")))
                .as("files left under target/")
                .isEmpty();
        if (chapter.s3()) {
            ExperimentRuns.assertBucketGone(BucketLifecycle.bucketName(chapter.experiment()));
        }
        return outcome;
    }

    /**
     * Starts {@code mainClass} on this test's classpath, in {@code moduleDir}, with {@code env} added to a clean
     * environment.
     */
    static Outcome runMain(String mainClass, Path moduleDir, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-Dobjectstore.module.dir=" + moduleDir,
                "-Duser.home=" + moduleDir,
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(moduleDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("REDIS_URL"));
        environment.put("HOME", moduleDir.toString());
        environment.putAll(env);
        Path out = moduleDir.resolve("../" + moduleDir.getFileName() + ".out");
        Path err = moduleDir.resolve("../" + moduleDir.getFileName() + ".err");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not end within 60 s");
        }
        return new Outcome(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
