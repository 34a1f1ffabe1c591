package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import objectstore.blocking.BlockingS3PutGet;
import objectstore.harness.Chapter;
import objectstore.testing.ExperimentRuns;
import objectstore.workshop.Ch01FindTheBottleneck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Ch01FindTheBottleneck} is solved when the results JSON says so: put_object's cpuMicrosPerOp at most twice that
 * of chapter 01 itself, run next on the same store with the same settings (in one of up to three attempts).
 */
class Ch01FindTheBottleneckCheck {

    @TempDir
    Path dir;

    @Test
    void putObjectCostsNoMoreCpuThanChapter01() throws Exception {
        Map<String, String> env = ExperimentRuns.externalS3Env(dir);
        Chapter exercise = BlockingS3PutGet.CHAPTER.as("ch01-find-the-bottleneck", Ch01FindTheBottleneck::measure);
        String[] settings = {"--iterations", "200", "--rounds", "3", "--warmup", "200", "--json"};

        /*
         * CPU per operation counts the JIT's compiler threads too, and on a busy machine compiling the
         * SDK's code can take longer than a run: the run that goes first then pays for it. So the check
         * measures the pair up to three times and is satisfied by one attempt; as written, the exercise
         * costs several times chapter 01's in every attempt.
         */
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            double exerciseCpu = putCpu(exercise, env, settings, dir.resolve("ch01.json"));
            double chapter01Cpu = putCpu(BlockingS3PutGet.CHAPTER, env, settings, dir.resolve("chapter01.json"));
            attempts.add(String.format(Locale.ROOT, "%.0f against chapter 01's %.0f", exerciseCpu, chapter01Cpu));
            System.out.printf("put_object cpuMicrosPerOp: Ch01FindTheBottleneck %s%n", attempts.getLast());
            if (exerciseCpu <= 2 * chapter01Cpu) {
                return;
            }
        }
        fail(
                "put_object cpuMicrosPerOp of Ch01FindTheBottleneck stayed above twice chapter 01's: %s",
                String.join("; ", attempts));
    }

    /**
     * Runs {@code chapter} with {@code settings} (the last of which is --json) and reads put_object's CPU per
     * operation.
     */
    private static double putCpu(Chapter chapter, Map<String, String> env, String[] settings, Path json)
            throws Exception {
        String[] args = java.util.Arrays.copyOf(settings, settings.length + 1);
        args[settings.length] = json.toString();
        ExperimentRuns.Outcome outcome = ExperimentRuns.run(chapter, env, args);
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (JsonNode phase : root.path("phases")) {
            if (phase.path("op").asText().equals("put_object")) {
                return phase.path("cpuMicrosPerOp").asDouble();
            }
        }
        throw new AssertionError("no put_object phase in " + json);
    }
}
