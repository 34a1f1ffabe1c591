package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import objectstore.connection.Endpoints;
import objectstore.provisioning.Backend;
import objectstore.provisioning.StoreChoice;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    static final Options.Defaults DEFAULTS = new Options.Defaults(1_000, 5_000, 1);
    static final List<Options.Extra> EXTRAS =
            List.of(new Options.Extra("threads", List.of("platform", "virtual"), "threads"));

    static Options parse(String... args) {
        return Options.parse("01-blocking-s3", DEFAULTS, EXTRAS, args);
    }

    @Test
    void noArgumentsGiveTheChaptersDefaults() {
        Options options = parse();
        assertThat(options.iterations()).isEqualTo(1_000);
        assertThat(options.size()).isEqualTo(5_000);
        assertThat(options.concurrency()).isEqualTo(1);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.warmup()).isEqualTo(1_000);
        assertThat(options.store()).isEqualTo(StoreChoice.AUTO);
        assertThat(options.backend()).isEqualTo(Backend.DISK);
        assertThat(options.extra("threads")).isEqualTo("platform");
    }

    @Test
    void bothSpellingsOfAnOptionWork() {
        Options options = parse(
                "--iterations",
                "200",
                "--size=1024",
                "--store",
                "embedded",
                "--backend",
                "memory",
                "--threads",
                "virtual",
                "--endpoint",
                "http://localhost:9001",
                "--redis",
                "redis://localhost:6379",
                "--json",
                "target/x.json");
        assertThat(options.iterations()).isEqualTo(200);
        assertThat(options.size()).isEqualTo(1024);
        assertThat(options.warmup()).isEqualTo(200);
        assertThat(options.store()).isEqualTo(StoreChoice.EMBEDDED);
        assertThat(options.backend()).isEqualTo(Backend.MEMORY);
        assertThat(options.extra("threads")).isEqualTo("virtual");
        assertThat(options.endpoint()).hasToString("http://localhost:9001");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--iterations 0        | --iterations must be at least 1",
                "--iterations -1       | --iterations must be at least 1",
                "--size -5             | --size must be zero or more",
                "--iterations many     | --iterations must be a whole number",
                "--concurrency 0       | --concurrency must be at least 1",
                "--rounds 0            | --rounds must be at least 1",
                "--bogus 1             | unknown option --bogus; the options are: --iterations --size",
                "--iteratons 5         | unknown option --iteratons; did you mean --iterations?",
                "--warmup=-1           | --warmup must be zero or more, not -1",
                "--rate 10 --duration 5 | --rate and --duration are two kinds of run",
                "--iterations          | option --iterations needs a value: --iterations N",
                "stray                 | unexpected argument 'stray'",
                "--store cloud         | --store must be auto, external, embedded, container or cluster, not 'cloud'",
                "--backend tape        | --backend must be disk or memory",
                "--threads green       | --threads must be platform or virtual, not 'green'",
                "--endpoint ht^tp://x  | --endpoint is not a valid URL",
                "--endpoint localhost  | is not a valid URL",
                "--endpoint ftp://host | an S3 endpoint is http:// or https://",
                "--redis http://host   | a Redis endpoint is redis:// or rediss://",
                "--size 1 --size 2     | option --size is given twice; give it once",
            })
    void badInputIsOneClearLine(String args, String expected) {
        assertThatThrownBy(() -> parse(args.strip().split(" +")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void aRedisPasswordIsNotEchoed() {
        assertThatThrownBy(() -> parse("--redis", "http://:hunter2secret@host:6379"))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2secret"));
        assertThat(Endpoints.printable(java.net.URI.create("redis://:hunter2secret@host:6379/0")))
                .isEqualTo("redis://host:6379/0");
    }

    @Test
    void helpIsAskedForWhateverElseTheLineHolds() {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("--iterations", "--help").help()).isTrue();
        assertThat(parse("--iterations", "0", "-h").help()).isTrue();
        assertThat(parse("--iterations", "7").help()).isFalse();
    }

    @Test
    void usageListsEveryOption() {
        String usage = Options.usage("01-blocking-s3", DEFAULTS, EXTRAS);
        for (String option : List.of(
                "--iterations",
                "--size",
                "--concurrency",
                "--rounds",
                "--warmup",
                "--store",
                "--backend",
                "--endpoint",
                "--redis",
                "--json",
                "--threads",
                "--help")) {
            assertThat(usage).contains(option);
        }
        assertThat(usage)
                .contains("./mvnw -q -pl 01-blocking-s3 exec:java")
                .contains("objects per phase (default 1000)")
                .contains("(platform|virtual; default platform)");
    }

    @Test
    void aSizeOverTheChaptersLargestIsOneLine() {
        assertThatThrownBy(() -> parse("--size", String.valueOf((256 << 20) + 1)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("over 256 MiB");
        Options.Defaults large = new Options.Defaults(2, 1 << 20, 1, 3, 1 << 30);
        assertThat(Options.parse("09", large, List.of(), new String[] {"--size", "1073741824"})
                        .size())
                .isEqualTo(1 << 30);
    }

    @Test
    void aCheckedOptionTakesWhatItsCheckAcceptsAndItsDefaultUnchecked() {
        Options.Extra parts = Options.Extra.checked("parts", "auto", "how many", (name, value) -> {
            if (!value.matches("\\d+")) {
                throw new UserError(name + " must be a number, not '" + value + "'");
            }
        });
        assertThat(Options.parse("09", DEFAULTS, List.of(parts), new String[0]).extra("parts"))
                .isEqualTo("auto");
        assertThat(Options.parse("09", DEFAULTS, List.of(parts), new String[] {"--parts", "12"})
                        .extra("parts"))
                .isEqualTo("12");
        assertThatThrownBy(() -> Options.parse("09", DEFAULTS, List.of(parts), new String[] {"--parts", "x"}))
                .isInstanceOf(UserError.class)
                .hasMessage("--parts must be a number, not 'x'");
        assertThat(Options.usage("09", DEFAULTS, List.of(parts))).contains("--parts=V", "how many (default auto)");
    }
}
