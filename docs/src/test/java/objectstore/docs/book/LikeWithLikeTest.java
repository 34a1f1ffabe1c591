package objectstore.docs.book;

import static objectstore.docs.book.BookTest.json;
import static objectstore.docs.book.BookTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated ratio divides like by like, or its part names the variable under study; the views refuse the rest. */
class LikeWithLikeTest {

    private static final JsonNode SDK_200 = json(run("04-sdk-async-s3", "memory", 5000, 200, 7000, 2000));
    private static final JsonNode LITE_200 = json(run("05-lite-http-s3", "memory", 5000, 200, 10500, 2000));
    private static final JsonNode LITE_1000 = json(run("05-lite-http-s3", "memory", 5000, 1000, 12000, 2000));
    private static final JsonNode BLOCKING_DISK = json(run("01-blocking-s3", "filesystem", 5000, 1, 600, 2000));

    @Test
    void aRatioOfRunsWithOtherConcurrenciesIsRefusedUntilThePartNamesIt() {
        String ratio = "{2:phase[put_object (window)].itemsPerSecond / 1:phase[put_object (window)].itemsPerSecond}";

        assertThat(catchThrowable(() -> Views.render("text", "The window: " + ratio, List.of(LITE_200, LITE_1000))))
                .hasMessageContaining("divides unlike by unlike")
                .hasMessageContaining("concurrency (1,000 in flight against 200 in flight)")
                .hasMessageContaining("varies=concurrency");
        assertThat(Views.render("text", "varies=concurrency The window: " + ratio, List.of(LITE_200, LITE_1000)))
                .isEqualTo("The window: 1.14×\n");
    }

    @Test
    void aPartThatNamesAVariableNoRatioVariesIsRefused() {
        String ratio = "{2:phase[put_object (window)].itemsPerSecond / 1:phase[put_object (window)].itemsPerSecond}";

        assertThat(catchThrowable(
                        () -> Views.render("text", "varies=client,loop " + ratio, List.of(SDK_200, LITE_200))))
                .hasMessageContaining("varies=loop")
                .hasMessageContaining("no ratio in it differs");
        assertThat(Views.render("text", "varies=client " + ratio, List.of(SDK_200, LITE_200)))
                .isEqualTo("1.50×\n");
    }

    @Test
    void aWindowIsNotDividedByBatchesUnlessTheLoopIsTheVariable() {
        String ratio = "{1:phase[put_object (window)].itemsPerSecond % 1:phase[get_object (window)].itemsPerSecond}";

        assertThat(catchThrowable(() -> Views.render("text", ratio, List.of(LITE_200))))
                .hasMessageContaining("op (put_object against get_object)");
        assertThat(Views.render("text", "varies=op " + ratio, List.of(LITE_200)))
                .isEqualTo("525%\n");
    }

    @Test
    void theSpreadOfARatioComesFromTheRoundsOfBothRuns() {
        assertThat(Views.render(
                        "text",
                        "varies=client {spread 2:phase[put_object (window)].itemsPerSecond"
                                + " / 1:phase[put_object (window)].itemsPerSecond},"
                                + " {range 1:phase[put_object (window)].itemsPerSecond}",
                        List.of(SDK_200, LITE_200)))
                .isEqualTo("0.89–1.12×, 850–950\n");
    }

    @Test
    void compareRefusesRunsOfAnotherCountAndNamesWhatItDividesBy() {
        JsonNode fewer = json(run("05-lite-http-s3", "memory", 1000, 200, 9000, 2000));

        assertThat(catchThrowable(() -> Views.render("compare", "", List.of(LITE_200, fewer))))
                .hasMessageContaining("count (1,000 objects against 5,000 objects)");
        assertThat(Views.render("compare", "varies=client", List.of(SDK_200, LITE_200)))
                .contains("| × run 1, same phase |")
                .contains("| 1 · 04-sdk-async-s3 | `put_object (window)` | 7,000 (850–950) | base |")
                .contains("| 2 · 05-lite-http-s3 | `put_object (window)` | 10,500 (850–950) | 1.50× |")
                .contains("- run 1, `04-sdk-async-s3`: Measured");
    }

    @Test
    void thenAndNowRefusesABaselineOnAnotherBackend(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs/records"));
        Files.writeString(root.resolve("docs/records/original.json"), """
                {"reported": {"rows": [
                  {"module": "01-blocking-s3", "putPerSecond": 20, "getPerSecond": 290, "note": ""},
                  {"module": "05-lite-http-s3", "putPerSecond": 1429, "getPerSecond": 3238, "note": ""}]}}
                """);
        Files.writeString(root.resolve("docs/records/blocking.json"), BLOCKING_DISK.toString());
        Files.writeString(root.resolve("docs/records/lite.json"), LITE_200.toString());
        Files.writeString(root.resolve("docs/page.md"), """
                <!-- from: records/original.json, records/blocking.json, records/lite.json -->
                <!-- view: then module=05-lite-http-s3 put=put_object (window) get=get_object (window) varies=client -->
                <!-- end -->
                """);

        assertThat(Book.stale(root))
                .singleElement()
                .asString()
                .contains("the baseline must run on the chapter's own server and backend");
    }
}
