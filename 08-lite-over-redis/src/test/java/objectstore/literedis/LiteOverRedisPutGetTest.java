package objectstore.literedis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;

class LiteOverRedisPutGetTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run("08-lite-over-redis", Experiment.Kind.REDIS_OBJECTS, LiteOverRedisPutGet.DEFAULTS, List.of(), objectstore.litehttp.LiteHttpS3PutGet::measure, env, args);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        Path json = temp.resolve("r.json");
        Outcome outcome = run(ExperimentRuns.redisEnv(temp), "--iterations", "60", "--concurrency", "8", "--rounds", "2", "--warmup", "10",
                "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: external");
        ExperimentRuns.assertVerifiedResults(json, "08-lite-over-redis", 60);
        ExperimentRuns.assertRedisEmpty();
    }

    @Test
    void badInputIsOneClearLine() {
        run(ExperimentRuns.redisEnv(temp), "--iterations", "0").failedWithOneLine();
        run(ExperimentRuns.redisEnv(temp), "--no-such-option", "1").failedWithOneLine();
    }
}
