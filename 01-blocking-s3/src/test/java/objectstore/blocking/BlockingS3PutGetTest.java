package objectstore.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;

class BlockingS3PutGetTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(BlockingS3PutGet.CHAPTER, env, args);
    }

    @Test
    void everyObjectIsVerifiedAndTheBucketIsGoneAfterwards() throws Exception {
        Path json = temp.resolve("r.json");
        Outcome outcome = run(ExperimentRuns.externalS3Env(temp), "--iterations", "40", "--rounds", "2", "--warmup", "10", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: external").contains("client: AWS SDK for Java");
        ExperimentRuns.assertVerifiedResults(json, BlockingS3PutGet.CHAPTER.name(), 40);
        ExperimentRuns.assertBucketGone("blocking-s3");
    }

    @Test
    void theEmbeddedStoreIsStartedAndStoppedWithTheRun() throws Exception {
        Set<Long> before = ExperimentRuns.childProcesses();
        Path json = temp.resolve("r.json");
        Outcome outcome = run(Map.of("HOME", temp.toString()), "--store", "embedded", "--backend", "memory",
                "--iterations", "20", "--rounds", "1", "--warmup", "5", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: embedded S3Proxy 4.0.0 (memory) at http://127.0.0.1:");
        ExperimentRuns.assertVerifiedResults(json, "01-blocking-s3", 20);
        assertThat(ExperimentRuns.childProcesses()).isSubsetOf(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--iterations 0",
            "--iterations -1",
            "--size -5",
            "--frobnicate 3",
            "--endpoint not-a-url",
            "--endpoint ftp://127.0.0.1:9001",
            "--endpoint http://127.0.0.1:1",
    })
    void badInputIsOneLineAndLeavesNothingBehind(String args) {
        Set<Long> before = ExperimentRuns.childProcesses();
        Outcome outcome = run(ExperimentRuns.externalS3Env(temp), args.split(" "));
        outcome.failedWithOneLine();
        assertThat(outcome.err()).startsWith("01-blocking-s3: ");
        assertThat(ExperimentRuns.childProcesses()).isSubsetOf(before);
        ExperimentRuns.assertBucketGone("blocking-s3");
    }

    @Test
    void aRefusedEndpointIsNamedWithHowToStartAServer() {
        Outcome outcome = run(Map.of("HOME", temp.toString()), "--endpoint", "http://127.0.0.1:1").failedWithOneLine();
        assertThat(outcome.err()).contains("http://127.0.0.1:1").contains("scripts/minio.sh");
    }

    @Test
    void helpListsTheOptions() {
        Outcome outcome = run(Map.of(), "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("--iterations").contains("default 1000");
    }
}
