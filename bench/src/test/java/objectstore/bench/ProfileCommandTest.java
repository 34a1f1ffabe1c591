package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import objectstore.bench.profile.CpuCategories;
import objectstore.bench.profile.ProfileRecord;
import objectstore.harness.PhaseResult;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs module's {@code --profile} command end to end, small: a chapter in its child JVM with JFR on, on the
 * embedded S3Proxy, and the record it leaves beside the run's results JSON.
 */
class ProfileCommandTest {

    private static final List<String> SMALL = List.of(
            "--iterations",
            "200",
            "--rounds",
            "1",
            "--warmup",
            "50",
            "--warmup-seconds",
            "5",
            "--store",
            "embedded",
            "--backend",
            "memory");

    @TempDir
    Path dir;

    @Test
    void locksOfChapter02() throws Exception {
        ProfileRecord record = profile("02", "locks");

        assertThat(record.jfr().settings())
                .containsEntry("jdk.JavaMonitorEnter#threshold", "0 ms")
                .containsEntry("jdk.ThreadPark#threshold", "0 ms");
        for (ProfileRecord.Phase phase : record.phases()) {
            for (ProfileRecord.Waits waits :
                    List.of(phase.locks().monitorEnter(), phase.locks().threadPark())) {
                assertThat(waits.count()).isNotNegative();
                assertThat(waits.totalMs()).isNotNegative();
                assertThat(waits.top()).hasSizeLessThanOrEqualTo(5);
                assertThat(waits.top().stream()
                                .mapToLong(ProfileRecord.Top::count)
                                .sum())
                        .isLessThanOrEqualTo(waits.count());
            }
            assertThat(phase.cpu()).isNull();
        }
        // A pool of 200 threads (the chapter's default) parks while it waits for work: some park in every run.
        assertThat(record.phases().stream()
                        .mapToLong(p -> p.locks().threadPark().count())
                        .sum())
                .isPositive();
    }

    @Test
    void cpuOfChapter05WithAFlameGraph() throws Exception {
        ProfileRecord record = profile("05", "cpu", "put_object (window)");

        assertThat(record.jfr().settings())
                .containsEntry("async-profiler#event", "cpu")
                .containsEntry("async-profiler#interval", "100000")
                .containsKey("async-profiler#engine");
        assertThat(record.jfr().options()).singleElement().asString().startsWith("-agentpath:<a temporary folder>/");
        assertThat(record.categoryRules()).isNotEmpty();
        assertThat(record.flameGraphs()).containsExactly(entry("put_object (window)", "p05-put_object-window.svg"));
        String svg = Files.readString(dir.resolve("p05-put_object-window.svg"));
        assertThat(svg)
                .startsWith("<svg ")
                .contains("05-lite-http-s3, put_object (window): ")
                .endsWith("</svg>\n");
        for (ProfileRecord.Phase phase : record.phases()) {
            ProfileRecord.Cpu cpu = phase.cpu();
            assertThat(cpu.samples()).isNotNegative();
            assertThat(cpu.categories())
                    .extracting(ProfileRecord.Category::category)
                    .containsExactlyElementsOf(CpuCategories.ALL);
            assertThat(cpu.categories()).allSatisfy(c -> {
                assertThat(c.samples()).isNotNegative();
                assertThat(c.estimatedMicrosPerOp()).isNotNegative();
            });
            assertThat(cpu.categories().stream()
                            .mapToLong(ProfileRecord.Category::samples)
                            .sum())
                    .isEqualTo(cpu.samples());
            assertThat(phase.locks()).isNull();
        }
    }

    /**
     * Runs the command; checks what every record holds, and that nothing but it, the results and the flame graph asked
     * for is left.
     */
    private ProfileRecord profile(String chapter, String jfc, String... flames) throws Exception {
        Path out = dir.resolve("p" + chapter + ".json");
        List<String> own =
                new java.util.ArrayList<>(List.of("--profile", chapter, "--jfc", jfc, "--out", out.toString()));
        for (String flame : flames) {
            own.addAll(List.of("--flame", flame));
        }
        List<String> args = Stream.concat(own.stream(), SMALL.stream()).toList();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = Bench.run(
                args.toArray(String[]::new),
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8) + errors.toString(StandardCharsets.UTF_8);

        assertThat(code).as(output).isZero();
        assertThat(output).contains("profile: wrote " + out);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".svg")))
                    .containsExactlyInAnyOrder("p" + chapter + ".json", "p" + chapter + ".results.json");
        }
        ProfileRecord record = new ObjectMapper().readValue(out.toFile(), ProfileRecord.class);
        RunResult run = ResultsJson.read(dir.resolve("p" + chapter + ".results.json"));

        assertThat(record.profile()).isEqualTo(jfc);
        assertThat(record.experiment())
                .isEqualTo(Chapters.find(chapter).orElseThrow().name())
                .isEqualTo(run.experiment());
        assertThat(record.chapterArgs()).containsExactlyElementsOf(SMALL);
        assertThat(record.resultsJson()).isEqualTo("p" + chapter + ".results.json");
        assertThat(record.recording()).isNull();
        assertThat(record.machine()).isEqualTo(run.machine());
        assertThat(record.date()).isNotBlank();
        assertThat(record.runPassed()).isTrue();
        assertThat(record.phaseWindows()).contains("--rounds 1");
        assertThat(record.warnings()).noneMatch(w -> w.startsWith("--rounds"));
        assertThat(record.phases())
                .extracting(ProfileRecord.Phase::op)
                .containsExactlyElementsOf(
                        run.phases().stream().map(PhaseResult::op).toList());
        assertThat(record.phases())
                .extracting(ProfileRecord.Phase::startedAt)
                .containsExactlyElementsOf(
                        run.phases().stream().map(PhaseResult::startedAt).toList());
        assertThat(record.outsidePhases()).isNotNull();
        return record;
    }
}
