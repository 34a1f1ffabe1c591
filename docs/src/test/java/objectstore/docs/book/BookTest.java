package objectstore.docs.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book states only what its records say: every generated part matches them, and no figure stands outside one. */
class BookTest {

    @Test
    void everyPageMatchesItsRecords() {
        assertThat(Book.stale(Path.of(".."))).isEmpty();
    }

    @Test
    void noMeasuredTableRowStandsOutsideAGeneratedPart() {
        assertThat(Book.unsourcedRows(Path.of(".."))).isEmpty();
    }

    @Test
    void noMeasuredFigureStandsInHandWrittenProse() {
        assertThat(Prose.measuredFigures(Path.of(".."))).isEmpty();
    }

    @Test
    void everyRecordThePagesQuoteIsMadeByBookRuns() throws Exception {
        Process list = new ProcessBuilder("bash", "scripts/book-runs", "--list")
                .directory(Path.of("..").toFile())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(list.waitFor()).as("scripts/book-runs --list: %s", lines).isZero();
        assertThat(Book.unmade(Path.of(".."), lines)).isEmpty();
    }

    @Test
    void aChangedRecordMakesItsPageStaleUntilRewritten(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs/records"));
        Files.writeString(root.resolve("docs/records/run.json"), run(1234.5, 2000));
        Files.writeString(root.resolve("docs/page.md"), """
                # A page
                <!-- from: records/run.json -->
                <!-- view: text varies=op PUTs ran at {1:phase[put_object (window)].itemsPerSecond} a second, {1:phase[put_object (window)].itemsPerSecond / 1:phase[get_object (window)].itemsPerSecond} the GETs' rate. -->
                <!-- end -->
                """);

        assertThat(Book.stale(root))
                .singleElement()
                .asString()
                .contains("docs/page.md")
                .contains("--book");
        assertThat(Book.write(root)).hasSize(1);
        assertThat(Files.readString(root.resolve("docs/page.md")))
                .contains("PUTs ran at 1,235 a second, 0.62× the GETs' rate.");
        assertThat(Book.stale(root)).isEmpty();

        Files.writeString(root.resolve("docs/records/run.json"), run(1500, 2000));
        assertThat(Book.stale(root)).hasSize(1);
    }

    @Test
    void thePhaseTableShowsFailedPhasesAsFailedAndSaysWhatWasMeasured() {
        String md = Views.render("phases", "", List.of(json(run(900, 0))));

        assertThat(md)
                .contains("| `put_object (window)` | 900 (850–950) |")
                .contains("| `get_object (window)` | **FAILED** |")
                .contains("Measured 2026-11-29 06:00:00 UTC on embedded S3Proxy 4.0.0 (memory)")
                .contains("after a warm-up of 4 passes in 21 s (steady)")
                .contains("other processes used 0.05 cores on average (an otherwise quiet machine)");
    }

    @Test
    void aMissingRecordOrPhaseIsOneClearLine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/page.md"), "<!-- from: records/gone.json -->\n<!-- view: run -->\n<!-- end -->\n");
        assertThat(Book.stale(root))
                .singleElement()
                .asString()
                .contains("records/gone.json")
                .contains("does not exist");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> Views.render("text", "{1:phase[nope].items}", List.of(json(run(1, 1))))))
                .hasMessageContaining("no phase nope");
    }

    @Test
    void aFigureInATableOutsideAGeneratedPartIsFound(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/page.md"), """
                | setting | value |
                | --- | --- |
                | iterations | 1,000 |

                <!-- not measured -->
                | option | default |
                | --- | --- |
                | --rounds | 3 |
                """);
        assertThat(Book.unsourcedRows(root)).singleElement().asString().contains("page.md:3");
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A results JSON with a put phase at {@code putRate} and a get phase that verified {@code getVerified} of 2,000.
     */
    private static String run(double putRate, int getVerified) {
        return run("05-lite-http-s3", "memory", 2000, 64, putRate, getVerified);
    }

    /** A results JSON of {@code experiment} on S3Proxy's {@code backend}, with these settings. */
    static String run(
            String experiment, String backend, int iterations, int concurrency, double putRate, int getVerified) {
        return """
                {"experiment": "%s", "date": "2026-11-29T06:00:00Z",
                 "store": {"kind": "embedded", "product": "S3Proxy 4.0.0", "backend": "%s", "endpoint": "http://127.0.0.1:1"},
                 "client": "lite client", "settings": {"iterations": %d, "size": 5000, "concurrency": %d, "rounds": 3, "warmup": 2000, "options": {}},
                 "machine": {"cores": 2, "jvm": "OpenJDK 25", "os": "Linux", "maxHeapMiB": 1024, "otherCpuCores": 0.05, "busy": false},
                 "warmup": {"passes": 4, "seconds": 21.2, "steady": true, "tolerancePercent": 10, "objectsPerPhase": 2000, "capSeconds": 120},
                 "phases": [
                  {"op": "put_object (window)", "kind": "put", "loop": "window", "items": 2000, "rounds": 3, "errors": 0, "verified": 2000, "itemsPerSecond": %s,
                   "itemsPerSecondMin": 850, "itemsPerSecondMax": 950, "steady": true, "mibPerSecond": 4.3,
                   "latencyMs": {"p50": 1.5, "p99": 4.25}, "cpuMicrosPerOp": 120, "allocatedBytesPerOp": 6400, "limitedBy": "store"},
                  {"op": "get_object (window)", "kind": "get", "loop": "window", "items": 2000, "rounds": 3, "errors": %d, "verified": %d, "itemsPerSecond": 2000,
                   "itemsPerSecondMin": 1900, "itemsPerSecondMax": 2100, "steady": true, "mibPerSecond": 9.5,
                   "latencyMs": {"p50": 1.0, "p99": 3.0}, "cpuMicrosPerOp": 90, "allocatedBytesPerOp": 5400, "limitedBy": "store"}]}
                """.formatted(experiment, backend, iterations, concurrency, putRate, 2000 - getVerified, getVerified);
    }
}
