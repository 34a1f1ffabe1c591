package objectstore.docs.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written prose states no measured figure: the book's pages pass, and a page that does is found, line by line. */
class ProseTest {

    @Test
    void aMeasuredFigureInProseIsFoundAndASettingIsNot(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/page.md"), """
                # A page

                The window ran twice as fast as the batches.
                The lite client made 3.97× the SDK's rate.
                It served 12,000 GETs a second.
                A p99 of 1.5 ms.
                The signer took 40% of the samples.
                Most of the gap is the MD5.

                Passes agree within 10%; JFR samples every 10 ms; run it with `--rate 8000 --concurrency 1000`.
                <!-- not measured -->
                A tolerance of 25% of the rounds' spread.
                <!-- from: records/run.json -->
                <!-- view: text ... -->
                PUTs ran 4.17× as fast: generated, so backed by a record.
                <!-- end -->
                ```
                twice, in code, is code
                ```
                | a table row with 3× | is the table check's |
                """);

        assertThat(Prose.measuredFigures(root))
                .hasSize(6)
                .anySatisfy(p -> assertThat(p).contains("page.md:3:").contains("'twice'"))
                .anySatisfy(p -> assertThat(p).contains("page.md:4:").contains("'3.97×'"))
                .anySatisfy(p -> assertThat(p).contains("page.md:5:").contains("'12,000 GETs a second'"))
                .anySatisfy(p -> assertThat(p).contains("page.md:6:").contains("'1.5 ms'"))
                .anySatisfy(p -> assertThat(p).contains("page.md:7:").contains("'40%'"))
                .anySatisfy(p -> assertThat(p).contains("page.md:8:").contains("'Most of'"))
                .allSatisfy(p -> assertThat(p).contains("generate it from a record with a text view"));
    }
}
