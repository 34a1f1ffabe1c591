package objectstore.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 01 against the shared S3Proxy, and against an embedded one it starts and stops itself. */
class BlockingS3PutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return BlockingS3PutGet.CHAPTER;
    }

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(chapter(), env, args);
    }

    @Test
    void theEmbeddedStoreIsStartedAndStoppedWithTheRun() throws Exception {
        Set<Long> before = ExperimentRuns.childProcesses();
        Path json = temp.resolve("r.json");
        Outcome outcome = run(
                Map.of("HOME", temp.toString()),
                "--store",
                "embedded",
                "--backend",
                "memory",
                "--iterations",
                "20",
                "--rounds",
                "1",
                "--warmup",
                "5",
                "--json",
                json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("store: embedded S3Proxy 4.0.0 (memory) at http://127.0.0.1:")
                .contains("client: AWS SDK for Java");
        ExperimentRuns.assertVerifiedResults(json, chapter().name(), 20);
        assertThat(ExperimentRuns.childProcesses()).isSubsetOf(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
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
        Outcome outcome = run(store(), args.split(" "));
        outcome.failedWithOneLine();
        assertThat(outcome.err()).startsWith(chapter().name() + ": ");
        assertThat(ExperimentRuns.childProcesses()).isSubsetOf(before);
        ExperimentRuns.assertBucketGone("blocking-s3");
    }

    @Test
    void aRefusedEndpointIsNamedWithHowToStartAServer() {
        Outcome outcome = run(Map.of("HOME", temp.toString()), "--endpoint", "http://127.0.0.1:1")
                .failedWithOneLine();
        assertThat(outcome.err()).contains("http://127.0.0.1:1").contains("scripts/minio.sh");
    }

    @Test
    void helpListsTheOptions() {
        Outcome outcome = run(Map.of(), "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("--iterations").contains("default 1000");
    }
}
