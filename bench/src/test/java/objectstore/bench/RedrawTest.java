package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --charts-only} draws the table and the charts again from results JSON already written, running nothing. */
class RedrawTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theSuitesAndASweepsPicturesAreDrawnFromTheirJsonAndTheScaleIsKept() throws Exception {
        for (String name : new String[] {"01-blocking-s3", "05-lite-http-s3", "06-blocking-redis"}) {
            Files.copy(Fixtures.file(name + ".json"), dir.resolve(name + ".json"));
        }
        Files.writeString(dir.resolve("results.md"), "# old\n\n- **Scale:** full, as it was run\n");
        Path sweep = Files.createDirectories(dir.resolve("sweep-05-lite-http-s3-concurrency"));
        for (long c : new long[] {1, 10, 100}) {
            Files.copy(Fixtures.file("sweep-05-concurrency-" + c + ".json"), sweep.resolve(c + ".json"));
        }

        assertThat(run("--charts-only", "--out", dir.toString())).isZero();

        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("cpu-per-op.png")).isNotEmptyFile();
        assertThat(dir.resolve("sweep-05-lite-http-s3-concurrency.png")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("results.md")))
                .contains("- **Scale:** full, as it was run")
                .contains("| 05-lite-http-s3 | put_object |")
                .doesNotContain("06-blocking-redis (not run)");
        assertThat(Files.readString(dir.resolve("sweep-05-lite-http-s3-concurrency.md")))
                .contains("| 100 | 1,000 | 5,000 | 4,000 |");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("charts: drew")
                .contains("throughput.png");
    }

    @Test
    void aFolderWithNoResultsOrAnUnknownOptionIsOneLineAndExitCode2() throws Exception {
        assertThat(run("--charts-only", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no results JSON")
                .contains(dir.toString());

        err.reset();
        assertThat(run("--charts-only", "--quick")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .singleElement()
                .asString()
                .contains("'--quick'");
    }

    private int run(String... args) {
        return Bench.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
