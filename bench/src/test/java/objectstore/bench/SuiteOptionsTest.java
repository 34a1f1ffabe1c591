package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The suite's options: what they choose, and one line naming the fix for anything wrong. */
class SuiteOptionsTest {

    @Test
    void quickPicksSmallCountsAndTwoRounds() {
        SuiteOptions options =
                SuiteOptions.parse(new String[] {"--quick", "--only", "01,06-blocking-redis", "--backend", "memory"});

        assertThat(options.only())
                .extracting(Chapters.Chapter::name)
                .containsExactly("01-blocking-s3", "06-blocking-redis");
        assertThat(options.iterations(options.only().getFirst())).isEqualTo(300);
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.childArgs()).containsExactly("--backend", "memory");
    }

    @Test
    void withoutQuickTheOriginalCountsAndThreeRounds() {
        SuiteOptions options = SuiteOptions.parse(new String[0]);

        assertThat(options.only()).hasSize(Chapters.ALL.size());
        assertThat(options.only())
                .extracting(options::iterations)
                .containsExactly(1_000, 10_000, 10_000, 10_000, 10_000, 100_000, 100_000, 10_000, 2, 10_000, 10_000);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.warmup(10_000)).isNull();
    }

    @Test
    void quickGivesChapterNineItsSmallerObjectsUnlessTheSizeIsGiven() {
        Chapters.Chapter large = Chapters.find("09").orElseThrow();

        assertThat(SuiteOptions.parse(new String[] {"--quick"}).quickArgs(large))
                .containsExactly("--size", String.valueOf(16 << 20));
        assertThat(SuiteOptions.parse(new String[] {"--quick", "--size", "1048576"})
                        .quickArgs(large))
                .isEmpty();
        assertThat(SuiteOptions.parse(new String[0]).quickArgs(large)).isEmpty();
        assertThat(SuiteOptions.parse(new String[] {"--sweep", "size", "--experiment", "09"})
                        .values())
                .containsExactly(1L << 20, 4L << 20, 16L << 20, 64L << 20, 256L << 20, 1L << 30);
    }

    @Test
    void aSizeSweepKeepsEachPhaseUnder256MiB() {
        SuiteOptions options = SuiteOptions.parse(new String[] {"--sweep", "size", "--experiment", "05"});

        assertThat(options.values()).containsExactly(1_000L, 10_000L, 100_000L, 1_000_000L);
        assertThat(Suite.boundedBySize(10_000, 1_000)).isEqualTo(10_000);
        assertThat(Suite.boundedBySize(10_000, 1_000_000)).isEqualTo(268);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "--fast; unknown option --fast; the options are",
                "--only 10; unknown experiment '10'; the experiments are: 01-blocking-s3",
                "--backend tape; --backend must be disk or memory, not 'tape'",
                "--iterations lots; --iterations must be a whole number, not 'lots'",
                "--sweep latency --experiment 05; --sweep must be concurrency, size or rate, not 'latency'",
                "--sweep concurrency; needs the experiment to sweep, e.g. --experiment 04-sdk-async-s3",
                "--sweep size --experiment 05 --size 100; --size is what --sweep size varies",
                "--sweep size --experiment 05 --values 1,x; --values must be whole numbers",
                "--experiment 05; --experiment and --values go with --sweep",
                "--out; option --out needs a value: --out DIR",
                "--iteratons 5; unknown option --iteratons; did you mean --iterations?",
                "--sweep size --experiment 05 --values 1,0; --values must be whole numbers of 1 or more",
            })
    void badInputIsOneLineThatNamesTheFix(String args, String message) {
        assertThatThrownBy(() -> SuiteOptions.parse(args.split(" ")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(message);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Suite.run(
                args.split(" "),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines())
                .singleElement()
                .asString()
                .startsWith("suite: ")
                .contains(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
