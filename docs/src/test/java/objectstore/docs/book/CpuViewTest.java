package objectstore.docs.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cpu view draws a profile's phase only from enough samples, and shows only the categories that have some. */
class CpuViewTest {

    @Test
    void aPhaseWithEnoughSamplesIsDrawnWithTheCategoriesThatHaveSome() throws Exception {
        String md = Views.render("cpu", "op=put_object (window)", List.of(profile(1_200)));

        assertThat(md)
                .contains("| category (`put_object (window)`) | 05-lite-http-s3: share of samples | est. µs/op |")
                .contains("| kernel | 25.0% ± 1.3 | 10.0 |")
                .contains("| signing | 75.0% ± 1.3 | 30.0 |")
                .doesNotContain("| GC |")
                .contains("| all (the phase's client CPU µs/op) | 1,200 samples | 40.0 |")
                .contains("| the samples' share of that CPU | 97% | |")
                .contains("Sampled by async-profiler 4.1 (perf_events), every 250 µs of each thread's CPU time");
    }

    @Test
    void aPhaseWithFewerThan1000SamplesIsRefusedNamingTheRecordAndThePhase(@TempDir Path root) throws Exception {
        Throwable refused = catchThrowable(() -> Views.render("cpu", "op=put_object (window)", List.of(profile(999))));
        assertThat(refused)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("05-lite-http-s3")
                .hasMessageContaining("999 samples in phase 'put_object (window)'")
                .hasMessageContaining("fewer than the 1,000");

        // On a page, the book names the record's file too.
        Files.createDirectories(root.resolve("docs/records"));
        Files.writeString(root.resolve("docs/records/cpu.json"), profile(999).toString());
        Files.writeString(root.resolve("docs/page.md"), """
                <!-- from: records/cpu.json -->
                <!-- view: cpu op=put_object (window) -->
                <!-- end -->
                """);
        assertThat(Book.stale(root))
                .singleElement()
                .asString()
                .contains("records/cpu.json")
                .contains("999 samples in phase 'put_object (window)'");
    }

    /** A cpu profile of one phase with {@code samples} samples: a quarter in the kernel, the rest signing. */
    private static JsonNode profile(long samples) throws Exception {
        long kernel = samples / 4;
        return new ObjectMapper().readTree("""
                {"profile": "cpu", "experiment": "05-lite-http-s3", "date": "2026-12-01T10:00:00Z",
                 "chapterArgs": ["--iterations", "20000"],
                 "machine": {"cores": 2, "jvm": "OpenJDK 25", "otherCpuCores": 0.02},
                 "store": {"kind": "embedded", "product": "S3Proxy 4.0.0", "backend": "memory"},
                 "jfr": {"settings": {"async-profiler#engine": "perf_events", "async-profiler#interval": "250000",
                                      "async-profiler#version": "4.1"}},
                 "phases": [{"op": "put_object (window)", "cpuMicrosPerOp": 40.0,
                   "cpu": {"samples": %d, "sampledShareOfCpu": 0.97, "categories": [
                     {"category": "signing", "samples": %d, "share": 0.75, "shareError": 0.0125,
                      "estimatedMicrosPerOp": 30.0},
                     {"category": "kernel", "samples": %d, "share": 0.25, "shareError": 0.0125,
                      "estimatedMicrosPerOp": 10.0},
                     {"category": "GC", "samples": 0, "share": 0, "shareError": 0, "estimatedMicrosPerOp": 0}]}}]}
                """.formatted(samples, samples - kernel, kernel));
    }
}
