package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The suite end to end, small: one experiment at a time in its child JVM on embedded stores, then the table and the
 * charts. An experiment whose main class is not written yet is skipped, saying so.
 */
class SuiteSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"01-blocking-s3", "06-blocking-redis", "peer-minio-sdk", "peer-sdk-crt"})
    void runsAnExperimentInAChildJvmAndWritesTheResults(String experiment) throws Exception {
        Chapters.Chapter chapter = Chapters.find(experiment).orElseThrow();
        assumeTrue(
                ChildJvm.onModuleClasspath().has(chapter.mainClass()),
                () -> experiment + " is skipped: its main class " + chapter.mainClass()
                        + " is not on the classpath yet");
        Path out = Path.of("target", "suite-smoke", experiment);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = Suite.run(
                new String[] {
                    "--only",
                    experiment,
                    "--iterations",
                    "100",
                    "--rounds",
                    "1",
                    "--warmup",
                    "20",
                    "--store",
                    "embedded",
                    "--backend",
                    "memory",
                    "--out",
                    out.toString()
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                System.err);
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(code).as(output).isZero();
        assertThat(output)
                .contains("[1/1] " + experiment + ": round 1/1, phase 1 put_object")
                .contains("1 passed, 0 failed, 0 not run");
        RunResult result = ResultsJson.read(out.resolve(experiment + ".json"));
        assertThat(result.passed()).isTrue();
        assertThat(result.phases()).allSatisfy(p -> assertThat(p.verified()).isEqualTo(100));
        assertThat(Files.readString(out.resolve("results.md"))).contains("| " + experiment + " | put_object");
        assertThat(ImageIO.read(out.resolve("throughput.png").toFile())).isNotNull();
        assertThat(out.resolve("logs").resolve(experiment + ".log")).exists();
    }
}
