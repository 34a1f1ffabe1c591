package objectstore.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import objectstore.harness.PhaseResult;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Two results files of one experiment side by side: each phase's median rate on both, and the second over the first.
 * {@code scripts/cluster-vs-node.sh} uses it to put one server beside a cluster.
 *
 * <p>{@code ./mvnw -q -pl common exec:java -Dexec.mainClass=objectstore.tools.CompareRuns -Dexec.args="FIRST.json
 * SECOND.json"}
 */
public final class CompareRuns {

    private CompareRuns() {}

    /** The command line, declared with picocli: the two results files. */
    @Command(
            name = "compare-runs",
            customSynopsis = "./mvnw -q -pl common exec:java -Dexec.mainClass=objectstore.tools.CompareRuns"
                    + " -Dexec.args=\"FIRST.json SECOND.json\"%n",
            description = "Each phase's median rate on both runs, and the second over the first.%n")
    static final class Line {
        @Parameters(index = "0", paramLabel = "FIRST.json", description = "a results JSON")
        Path first;

        @Parameters(index = "1", paramLabel = "SECOND.json", description = "one of the same experiment")
        Path second;

        @Mixin
        CommandLines.Help help;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command; the exit code: 0, 1 when a file cannot be read, 2 for bad input. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLines.of(new Line());
        try {
            if (CommandLines.parse(line, args)) {
                out.print(CommandLines.usage(line));
                return 0;
            }
            Line given = line.getCommand();
            out.print(compare(ResultsJson.read(given.first), ResultsJson.read(given.second)));
            return 0;
        } catch (UserError e) {
            err.println("compare-runs: " + e.getMessage());
            return CommandLines.BAD_INPUT;
        } catch (IOException e) {
            err.println("compare-runs: cannot read a results JSON: " + e.getMessage());
            return 1;
        }
    }

    /** The table: a line per phase of the first run that the second has too. */
    public static String compare(RunResult first, RunResult second) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "%s%n  1: %s%s%n  2: %s%s%n",
                first.experiment(), describe(first), busy(first), describe(second), busy(second)));
        text.append(String.format(
                "  %-36s %12s %12s %8s  %s%n", "phase", "1 items/s", "2 items/s", "2 / 1", "limited by (1, 2)"));
        Map<String, PhaseResult> others =
                second.phases().stream().collect(Collectors.toMap(PhaseResult::op, Function.identity(), (a, b) -> a));
        for (PhaseResult phase : first.phases()) {
            PhaseResult other = others.get(phase.op());
            if (other == null) {
                continue;
            }
            text.append(String.format(
                    "  %-36s %12.0f %12.0f %7.2fx  %s, %s%s%n",
                    phase.op(),
                    phase.itemsPerSecond(),
                    other.itemsPerSecond(),
                    phase.itemsPerSecond() > 0 ? other.itemsPerSecond() / phase.itemsPerSecond() : 0,
                    phase.limitedBy(),
                    other.limitedBy(),
                    phase.passed() && other.passed() ? "" : "  (a run with errors: no rate to compare)"));
        }
        return text.toString();
    }

    private static String describe(RunResult run) {
        return run.store().product() + " (" + run.store().backend() + ")"
                + (run.store().cluster() != null && run.store().cluster().keysPerMaster() != null
                        ? ", keys per master " + run.store().cluster().keysPerMaster()
                        : "");
    }

    private static String busy(RunResult run) {
        return run.machine().otherCpuCores() == null
                ? ""
                : String.format(
                        "; other processes used %.2f cores", run.machine().otherCpuCores());
    }
}
