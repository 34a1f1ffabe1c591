package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The results table, from recorded JSON: no store needed. */
class ResultsTableTest {

    @Test
    void everyExperimentHasItsRowsAndTheRunsAreNamed() throws Exception {
        String md = ResultsTable.markdown(Fixtures.suite(), "test");

        for (String name : List.of(
                "01-blocking-s3", "04-sdk-async-s3", "05-lite-http-s3", "06-blocking-redis", "08-lite-over-redis")) {
            assertThat(md).contains("| " + name + " | ");
        }
        assertThat(md).contains("| 05-lite-http-s3 | get_object (await each) | 1,100 |");
    }

    @Test
    void everyRowSaysWhatItRanWithAndNoneDividesOneRunByAnother() throws Exception {
        String md = ResultsTable.markdown(Fixtures.suite(), "test");

        assertThat(md).doesNotContain("×").doesNotContain("vs 01");
        assertThat(row(md, "05-lite-http-s3 | put_object"))
                .contains("| 5,000 |")
                .contains("| 1,000 | 1,000 |");
        assertThat(row(md, "01-blocking-s3 | put_object")).contains("| 1,000 | 1 |");
    }

    @Test
    void aFailedRunShowsFailedNeverANumber() throws Exception {
        String md = ResultsTable.markdown(Fixtures.suite(), "test");

        // 04's get_object verified 997 of 1,000: the run failed, so none of its rates may show.
        String failedGet = row(md, "04-sdk-async-s3 | get_object");
        assertThat(failedGet)
                .contains("**FAILED**")
                .contains("| 3 | 997/1,000 |")
                .doesNotContain("3,000");
        String putOfFailedRun = row(md, "04-sdk-async-s3 | put_object");
        assertThat(putOfFailedRun).contains("**FAILED**").doesNotContain("2,000");
        assertThat(row(md, "08-lite-over-redis")).contains("not run");
        // Then and now: no figure for a failed run either.
        assertThat(md.lines()
                        .filter(l -> l.startsWith("| 04-sdk-async-s3 | ~547"))
                        .findFirst()
                        .orElseThrow())
                .contains("**FAILED**")
                .doesNotContain("2,000");
    }

    @Test
    void theStoreTheMachineAndTheDateAreNamed() throws Exception {
        String md = ResultsTable.markdown(Fixtures.suite(), "quick (test)");

        assertThat(md)
                .contains("embedded S3Proxy 4.0.0 (memory)")
                .contains("embedded Redis 7.2.4")
                .contains("2 cores, FixtureVM 99")
                .contains("2001-02-03")
                .contains("quick (test)");
    }

    @Test
    void theOriginalFiguresStandBesideOurs() throws Exception {
        String md = ResultsTable.markdown(Fixtures.suite(), "test");

        assertThat(md).contains("| 05-lite-http-s3 | ~1,429 | ~3,238 | 5,000 | 4,000 | 1,000, 1,000 |");
        assertThat(md).contains("| 06-blocking-redis | ~4,935 | ~6,533 |");
    }

    @Test
    void aSweepTableHasARowPerValueAndMarksTheFailedOne() throws Exception {
        String md = ResultsTable.sweep("05-lite-http-s3", "concurrency", Fixtures.sweep());

        assertThat(md).contains("| 1 | 1,000 | 400 | 800 |").contains("| 100 | 1,000 | 5,000 | 4,000 |");
        assertThat(row(md, "1,000 | –")).contains("**FAILED**").contains("warm-up put_object had 12 errors");
        assertThat(md).contains("FixtureVM 99").contains("2001-02-03").contains("S3Proxy 4.0.0 (memory)");
    }

    private static String row(String md, String start) {
        return md.lines()
                .filter(l -> l.startsWith("| " + start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row starting | " + start + " in:\n" + md));
    }
}
