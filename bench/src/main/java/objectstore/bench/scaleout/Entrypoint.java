package objectstore.bench.scaleout;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import objectstore.bench.Bench;
import objectstore.bench.Chapters;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The container image's entry point (image/pom.xml): the first argument chooses what runs.
 *
 * <ul>
 *   <li>{@code 05-lite-http-s3 [options]} (or {@code 05}): that experiment's main, with its options;
 *   <li>{@code bench [options]}: the measuring commands (the bench module), e.g. {@code bench --merge /results/clients
 *       --out /results/merged.json}.
 * </ul>
 *
 * <p>Everything else comes from the environment, as for any chapter: the store (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, or REDIS_URL), a bucket of each client's own (OBJECTSTORE_BUCKET_SUFFIX) and the start
 * together (OBJECTSTORE_START_DIR, OBJECTSTORE_START_HOSTS).
 */
public final class Entrypoint {

    private Entrypoint() {}

    /** The command line, declared with picocli: what runs, then its own arguments, untouched. */
    @Command(
            name = "entrypoint",
            customSynopsis = {
                "EXPERIMENT [options]   run an experiment, e.g. 05-lite-http-s3 --store external --json"
                        + " /results/clients/0.json",
                "       bench [options]        the measuring commands, e.g. bench --merge /results/clients --out"
                        + " /results/merged.json%n"
            })
    static final class Line {
        @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT|bench", description = "what runs")
        String what;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "its options, as it takes them")
        List<String> rest = new ArrayList<>();

        @Mixin
        CommandLines.Help help;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** What the first argument names, run with the others; the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = commandLine();
        Line given = line.getCommand();
        Chapters.Chapter chapter;
        try {
            if (CommandLines.parse(line, args)) {
                out.print(usage());
                return 0;
            }
            if (given.what == null) {
                throw new UserError("no experiment given; give one of " + Chapters.names() + ", or bench (see --help)");
            }
            if (given.what.equals("bench")) {
                return Bench.run(given.rest.toArray(String[]::new), out, err);
            }
            chapter = Chapters.find(given.what)
                    .orElseThrow(() -> new UserError(
                            "no experiment '" + given.what + "'; give one of " + Chapters.names() + ", or bench"));
        } catch (UserError e) {
            err.println("entrypoint: " + e.getMessage());
            return CommandLines.BAD_INPUT;
        }
        return chapter.experiment().main(given.rest.toArray(String[]::new));
    }

    static String usage() {
        return CommandLines.usage(commandLine());
    }

    /** Options after what runs are its own: the parse stops at the first positional argument. */
    private static CommandLine commandLine() {
        CommandLine line = CommandLines.of(new Line()).setStopAtPositional(true);
        line.getCommandSpec()
                .usageMessage()
                .footer("%nEXPERIMENT is one of " + Chapters.names() + " (or its number); EXPERIMENT --help lists its"
                        + " options. Several client hosts begin their rounds together when OBJECTSTORE_START_DIR (a"
                        + " folder they all see) and OBJECTSTORE_START_HOSTS (how many) are set;"
                        + " OBJECTSTORE_BUCKET_SUFFIX gives each a bucket of its own. docs/scale-out.md says how to run"
                        + " N clients and merge their results.");
        return line;
    }
}
