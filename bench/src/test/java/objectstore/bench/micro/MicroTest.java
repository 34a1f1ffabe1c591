package objectstore.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every micro-benchmark runs through JMH as the record's command runs it, with {@code --quick} (one short iteration in
 * this JVM), and writes a record of the shape the book reads. The figures are not checked: from so short a run they
 * mean nothing. What is checked is that each benchmark ran, and that the facade's wrote what it read back.
 */
class MicroTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** What the command printed and returned. */
    record Outcome(int exitCode, String out, String err) {}

    @Test
    void theSigningBenchmarkSignsWithBothSignersAndRecordsEach() throws IOException {
        Path record = temp.resolve("signing.json");

        Outcome outcome = micro("--micro", "signing", "--quick", "--out", record.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode written = JSON.readTree(record.toFile());
        assertThat(written.path("settings").path("quick").asBoolean()).isTrue();
        assertThat(names(written)).containsExactly("reference", "fast");
        for (JsonNode row : written.path("results")) {
            assertThat(row.path("nsPerRequest").asDouble()).isPositive();
            assertThat(row.path("requestsPerSecond").asDouble()).isPositive();
            assertThat(row.path("cpuNsPerRequest").asDouble()).isPositive();
            assertThat(row.path("jdk").asText()).isEqualTo(Runtime.version().toString());
            assertThat(row.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
    }

    @Test
    @Tag("redis")
    void theFacadeBenchmarkReadsBackEveryObjectEachFormWrote() throws IOException {
        Path record = temp.resolve("facade-bench.json");

        Outcome outcome = micro("--micro", "facade", "--quick", "--out", record.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode written = JSON.readTree(record.toFile());
        assertThat(written.path("store").path("product").asText()).startsWith("Redis ");
        assertThat(written.path("settings").path("params").path("inFlight").asText())
                .isEqualTo("200");
        assertThat(names(written)).containsExactly("bare SET", "bare SET + MD5", "facade PUT");
        for (JsonNode row : written.path("results")) {
            assertThat(row.path("items").asLong()).isPositive();
            assertThat(row.path("verified").asLong())
                    .isEqualTo(row.path("items").asLong());
            assertThat(row.path("itemsPerSecond").asDouble()).isPositive();
        }
    }

    @Test
    @Tag("redis")
    void anObjectThatDiffersFromWhatWasWrittenFailsTheFacadeBenchmarksCheck() throws Exception {
        RedisFacadeBenchmark benchmark = new RedisFacadeBenchmark();
        benchmark.inFlight = 8;
        benchmark.size = 100;
        benchmark.objects = 50;
        benchmark.open(true);
        try {
            RedisFacadeBenchmark.Checked checked = new RedisFacadeBenchmark.Checked();
            benchmark.startIteration();
            for (int i = 0; i < 20; i++) {
                benchmark.facadePut(checked);
            }
            benchmark.awaitAnswers();
            assertThat(benchmark.verify()).isEqualTo(20);

            benchmark.startIteration();
            for (int i = 0; i < 20; i++) {
                benchmark.facadePut(checked);
            }
            benchmark.awaitAnswers();
            benchmark
                    .facade
                    .putObject(RedisFacadeBenchmark.BUCKET, benchmark.keys[27], new byte[100])
                    .join();
            assertThatThrownBy(benchmark::verify).hasMessage("1 of 20 objects read back differ from what was written");
        } finally {
            benchmark.stop();
        }
    }

    @Test
    void helpListsTheSetsAndABadOptionGetsOneLine() {
        Outcome help = micro("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("signing or facade", "--out", "--rounds", "--quick");

        Outcome unknown = micro("--micro", "signing", "--outt", "x.json");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("--outt", "did you mean --out");

        Outcome badSet = micro("--micro", "sigining");
        assertThat(badSet.exitCode()).isEqualTo(2);
        assertThat(badSet.err().strip().lines()).hasSize(1);
        assertThat(badSet.err()).contains("sigining");

        Outcome badRounds = micro("--micro", "signing", "--rounds", "0");
        assertThat(badRounds.exitCode()).isEqualTo(2);
        assertThat(badRounds.err().strip())
                .isEqualTo("micro: --rounds must be at least 1, not 0 (--help lists the options)");
    }

    private static List<String> names(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.path("results").forEach(row -> names.add(row.path("name").asText()));
        return names;
    }

    private static Outcome micro(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Micro.run(
                args,
                List.of(),
                List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
