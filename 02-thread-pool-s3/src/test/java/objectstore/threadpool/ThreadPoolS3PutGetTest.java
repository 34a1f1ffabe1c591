package objectstore.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;

class ThreadPoolS3PutGetTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run("02-thread-pool-s3", Experiment.Kind.S3, ThreadPoolS3PutGet.DEFAULTS, ThreadPoolS3PutGet.EXTRAS, ThreadPoolS3PutGet::measure, env, args);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        Path json = temp.resolve("r.json");
        Outcome outcome = run(ExperimentRuns.externalS3Env(temp), "--iterations", "60", "--concurrency", "8", "--rounds", "2", "--warmup", "10",
                "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: external");
        ExperimentRuns.assertVerifiedResults(json, "02-thread-pool-s3", 60);
        ExperimentRuns.assertBucketGone("thread-pool-s3");
    }

    @Test
    void virtualThreadsRunTheSamePhases() throws Exception {
        Path json = temp.resolve("v.json");
        Outcome outcome = run(ExperimentRuns.externalS3Env(temp), "--threads", "virtual", "--iterations", "40", "--concurrency", "8",
                "--rounds", "1", "--warmup", "0", "--json", json.toString());
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ExperimentRuns.assertVerifiedResults(json, "02-thread-pool-s3", 40).path("settings").path("options").path("threads").asText())
                .isEqualTo("virtual");
    }

    @Test
    void badInputIsOneClearLine() {
        run(ExperimentRuns.externalS3Env(temp), "--threads", "green").failedWithOneLine();
        run(ExperimentRuns.externalS3Env(temp), "--iterations", "0").failedWithOneLine();
        run(ExperimentRuns.externalS3Env(temp), "--no-such-option", "1").failedWithOneLine();
    }
}
