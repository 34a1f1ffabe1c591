package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command line of the project, through its real main in a JVM of its own: {@code --help} prints picocli's usage
 * help and exits 0; one bad value is one line on stderr that names the option and the fix, exit code 2, no stack trace
 * and nothing on stdout.
 */
class CommandLinesTest {

    @TempDir
    Path temp;

    /** A command: its name in its messages, its main class, the arguments before its own, and one bad value. */
    record Command(String name, String mainClass, List<String> prefix, List<String> bad, String expected) {
        @Override
        public String toString() {
            return String.join(" ", prefix.isEmpty() ? List.of(name) : prefix);
        }
    }

    static Stream<Arguments> commands() {
        List<Command> commands = new ArrayList<>();
        for (Chapters.Chapter chapter : Chapters.ALL) {
            if (!chapter.peer()) {
                commands.add(new Command(
                        chapter.name(),
                        chapter.mainClass(),
                        List.of(),
                        List.of("--iterations", "many"),
                        "--iterations must be a whole number, not 'many'"));
            }
        }
        String bench = "objectstore.bench.Bench";
        commands.add(new Command(
                "suite",
                bench,
                List.of(),
                List.of("--sweep", "latency"),
                "--sweep must be concurrency, size or rate, not 'latency'"));
        commands.add(new Command(
                "ceiling",
                bench,
                List.of("--ceiling"),
                List.of("s3", "--seconds", "ten", "--out", "ceiling.json"),
                "--seconds must be a whole number, not 'ten'"));
        commands.add(new Command(
                "profile",
                bench,
                List.of("--profile"),
                List.of("02", "--jfc", "alloc", "--out", "p.json"),
                "--jfc must be locks or cpu, not 'alloc'"));
        commands.add(new Command(
                "merge",
                bench,
                List.of("--merge"),
                List.of("a.json", "--out", "m.json", "--clock-skew-ms", "soon"),
                "--clock-skew-ms must be a whole number of milliseconds, zero or more, not 'soon'"));
        commands.add(new Command(
                "lite-s3",
                "objectstore.tools.LiteS3Cli",
                List.of(),
                List.of("presign", "s3://bucket/key", "--expires", "604801"),
                "--expires 604801 is out of range; give 1 to 604800 seconds (7 days)"));
        commands.add(new Command(
                "compare-runs",
                "objectstore.tools.CompareRuns",
                List.of(),
                List.of("first.json"),
                "compare-runs needs SECOND.json (see --help)"));
        commands.add(new Command(
                "entrypoint",
                "objectstore.bench.scaleout.Entrypoint",
                List.of(),
                List.of("10"),
                "no experiment '10'; give one of 01-blocking-s3"));
        return commands.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpIsPicocliUsageAndABadValueIsOneLineThatNamesTheOption(Command command) throws Exception {
        BadInputTest.Outcome help = run(command, "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: ").contains("-h, --help").contains("this text");
        assertThat(help.err()).isEmpty();

        BadInputTest.Outcome bad = run(command, command.bad().toArray(String[]::new));
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).as(bad.err()).hasSize(1);
        assertThat(bad.err()).startsWith(command.name() + ": ").contains(command.expected());
        assertThat(bad.out() + bad.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(bad.out()).isEmpty();
    }

    private BadInputTest.Outcome run(Command command, String... args) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(command.name()));
        List<String> all = new ArrayList<>(command.prefix());
        all.addAll(List.of(args));
        return BadInputTest.runMain(command.mainClass(), dir, Map.of(), all);
    }
}
