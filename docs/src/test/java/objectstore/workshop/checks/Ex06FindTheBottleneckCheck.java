package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import objectstore.common.Options;
import objectstore.harness.Experiment;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.sdk.SdkClients;
import objectstore.testing.ExperimentRuns;

/**
 * Exercise 06 is solved when the results JSON says so: put_object's cpuMicrosPerOp at most twice that of
 * chapter 01's loop, run next on the same store with the same settings (in one of up to three attempts).
 */
class Ex06FindTheBottleneckCheck {

    @TempDir
    Path dir;

    @Test
    void putObjectCostsNoMoreCpuThanChapter01() throws Exception {
        Map<String, String> env = ExperimentRuns.externalS3Env(dir);
        Options.Defaults defaults = new Options.Defaults(200, 5_000, 1);

        /*
         * CPU per operation counts the JIT's compiler threads too, and on a busy machine compiling the
         * SDK's code can take longer than a run: the run that goes first then pays for it. So the check
         * measures the pair up to three times and is satisfied by one attempt; as written, the exercise
         * costs several times chapter 01's in every attempt.
         */
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            double exercise = putCpu(ExperimentRuns.run("ex06-find-the-bottleneck", Experiment.Kind.S3, defaults, List.of(),
                    run -> Workshop.call("Ex06FindTheBottleneck", "measure", run), env,
                    "--rounds", "3", "--warmup", "200", "--json", dir.resolve("ex06.json").toString()), dir.resolve("ex06.json"));
            double chapter01 = putCpu(ExperimentRuns.run("ex06-reference", Experiment.Kind.S3, defaults, List.of(),
                    Ex06FindTheBottleneckCheck::chapter01, env, "--rounds", "3", "--warmup", "200", "--json", dir.resolve("reference.json").toString()),
                    dir.resolve("reference.json"));
            attempts.add(String.format(Locale.ROOT, "%.0f against chapter 01's %.0f", exercise, chapter01));
            System.out.printf("put_object cpuMicrosPerOp: %s %s%n", Workshop.side(), attempts.getLast());
            if (exercise <= 2 * chapter01) {
                return;
            }
        }
        fail("put_object cpuMicrosPerOp with %s stayed above twice chapter 01's: %s", Workshop.side(), String.join("; ", attempts));
    }

    private static double putCpu(ExperimentRuns.Outcome outcome, Path json) throws Exception {
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (JsonNode phase : root.path("phases")) {
            if (phase.path("op").asText().equals("put_object")) {
                return phase.path("cpuMicrosPerOp").asDouble();
            }
        }
        throw new AssertionError("no put_object phase in " + json);
    }

    /** Chapter 01's put and get loops: one client for the run. */
    static RunResult chapter01(Run run) throws Exception {
        String bucket = run.bucket();
        try (S3Client s3 = SdkClients.blocking(run.s3(), 1)) {
            return run.measure("chapter 01's loop", List.of(
                    Phase.put("put_object", (objects, rec) -> {
                        for (TestObject o : objects) {
                            rec.put(o, () -> s3.putObject(b -> b.bucket(bucket).key(o.key()), RequestBody.fromBytes(o.data())));
                        }
                    }),
                    Phase.get("get_object", (objects, rec) -> {
                        for (TestObject o : objects) {
                            rec.get(o, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArrayUnsafe());
                        }
                    })));
        }
    }
}
