package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;

class ProfileOptionsTest {

    @Test
    void theProfilesOwnOptionsAndTheChaptersArgumentsAsGiven() {
        ProfileOptions options = ProfileOptions.parse(new String[] {
            "--profile",
            "02",
            "--iterations",
            "5000",
            "--jfc",
            "locks",
            "--concurrency",
            "200",
            "--out",
            "/tmp/p02.json",
            "--threads",
            "virtual",
            "--rounds",
            "1"
        });
        assertThat(options.chapter().name()).isEqualTo("02-thread-pool-s3");
        assertThat(options.settings()).isEqualTo(JfrSettings.LOCKS);
        assertThat(options.chapterArgs())
                .containsExactly(
                        "--iterations", "5000", "--concurrency", "200", "--threads", "virtual", "--rounds", "1");
        assertThat(options.chapterOptions().extra("threads")).isEqualTo("virtual");
        assertThat(options.resultsJson()).isEqualTo(Path.of("/tmp/p02.results.json"));
        assertThat(options.jfr()).isEqualTo(Path.of("/tmp/p02.jfr"));
        assertThat(options.keepJfr()).isFalse();
    }

    @Test
    void cpuByDefaultAndPeersByName() {
        ProfileOptions options =
                ProfileOptions.parse(new String[] {"--profile=peer-minio-sdk", "--out=/tmp/minio", "--keep-jfr"});
        assertThat(options.settings()).isEqualTo(JfrSettings.CPU);
        assertThat(options.chapter().peer()).isTrue();
        assertThat(options.resultsJson()).isEqualTo(Path.of("/tmp/minio.results.json"));
        assertThat(options.keepJfr()).isTrue();
    }

    @Test
    void aFlameGraphPerPhaseAskedForBesideTheRecord() {
        ProfileOptions options = parse(
                "--profile",
                "05",
                "--out",
                "/tmp/r/cpu.json",
                "--flame",
                "put_object (window)",
                "--flame",
                "get_object");
        assertThat(options.flameGraphs())
                .containsExactly(
                        java.util.Map.entry("put_object (window)", Path.of("/tmp/r/cpu-put_object-window.svg")),
                        java.util.Map.entry("get_object", Path.of("/tmp/r/cpu-get_object.svg")));
        assertThat(options.chapterArgs()).isEmpty();
        assertThatThrownBy(() -> parse("--profile", "02", "--out", "/tmp/x.json", "--jfc", "locks", "--flame", "x"))
                .isInstanceOf(UserError.class)
                .hasMessage("--flame draws CPU samples: give it with --jfc cpu");
    }

    @Test
    void badInputIsOneLineBeforeAnyJvmStarts() {
        assertThatThrownBy(() -> parse("--profile", "10", "--out", "/tmp/x.json"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("no chapter named '10'");
        assertThatThrownBy(() -> parse("--profile", "02")).hasMessageStartingWith("--out FILE is needed");
        assertThatThrownBy(() -> parse("--profile", "02", "--out", "/tmp/x.json", "--jfc", "alloc"))
                .hasMessage("--jfc must be locks or cpu, not 'alloc'");
        assertThatThrownBy(() -> parse("--profile", "02", "--out", "/tmp/x.json", "--json", "/tmp/r.json"))
                .hasMessageStartingWith("--json is the profile's to set");
        assertThatThrownBy(() -> parse("--profile", "--out", "/tmp/x.json"))
                .hasMessage("option --profile needs a value: --profile CHAPTER");
        // The chapter's own parser, with the chapter's message.
        assertThatThrownBy(() -> parse("--profile", "02", "--out", "/tmp/x.json", "--iterations", "0"))
                .hasMessageContaining("--iterations must be at least 1");
        assertThatThrownBy(() -> parse("--profile", "02", "--out", "/tmp/x.json", "--threads", "green"))
                .hasMessage("--threads must be platform or virtual, not 'green'");
    }

    @Test
    void helpIsAskedFor() {
        assertThat(ProfileOptions.parse(new String[] {"--profile", "--help"})).isNull();
        assertThat(ProfileOptions.usage())
                .contains("--jfc=locks|cpu")
                .contains("--rounds 1")
                .contains("--flame=OP")
                .contains("1000 samples");
    }

    private static ProfileOptions parse(String... args) {
        return ProfileOptions.parse(args);
    }
}
