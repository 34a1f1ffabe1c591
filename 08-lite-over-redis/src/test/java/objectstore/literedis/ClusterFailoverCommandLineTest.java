package objectstore.literedis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover tool's command line, with nothing started: its help, and bad input as one line on stderr and exit 2. */
class ClusterFailoverCommandLineTest {

    /** What one invocation printed, and its exit code. */
    record Outcome(int exitCode, String out, List<String> err) {}

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ClusterFailover.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndTheCommandThatRunsIt() {
        Outcome help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out())
                .startsWith("Usage: cluster-failover")
                .contains("--seconds=S", "(default: 20)", "--kill-at=SECOND", "--restart-after=S")
                .contains("--concurrency=N", "--size=BYTES", "--node-timeout-ms=MS", "--redis-server", "--json=FILE")
                .contains("-Dexec.mainClass=objectstore.literedis.ClusterFailover");
    }

    @Test
    void anUnknownOptionGetsASuggestion() {
        Outcome unknown = run("--second", "5");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).hasSize(2);
        assertThat(unknown.err().get(0))
                .startsWith("cluster-failover: Unknown option")
                .contains("'--second'");
        assertThat(unknown.err().get(1)).contains("--seconds");
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        Outcome notANumber = run("--seconds", "soon");
        Outcome killAfterTheEnd = run("--seconds", "5", "--kill-at", "9");
        Outcome noObjects = run("--size", "0");

        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).singleElement().asString().contains("'--seconds'", "'soon'");
        assertThat(killAfterTheEnd.exitCode()).isEqualTo(2);
        assertThat(killAfterTheEnd.err())
                .singleElement()
                .asString()
                .startsWith("cluster-failover: --kill-at must come")
                .contains("--seconds 5");
        assertThat(noObjects.err()).singleElement().asString().contains("--size must be at least 1");
        assertThat(notANumber.out() + killAfterTheEnd.out() + noObjects.out())
                .as("nothing started")
                .isEmpty();
    }
}
