package objectstore.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Options.Extra;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Every chapter's command line, declared with picocli: each option's type, its default (the chapter's own, for the
 * counts) and its help. {@link Options#parse} reads it and checks the values; a chapter's own options ({@link Extra})
 * are added to it by name.
 */
@Command(sortOptions = false)
final class ChapterCommand {

    /** How the rounds order their phase groups. */
    enum Order {
        FIXED,
        ALTERNATE
    }

    @Option(names = "--iterations", paramLabel = "N", description = "objects per phase (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--size", paramLabel = "BYTES", description = "object size (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--concurrency", paramLabel = "C", description = "operations in flight (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            description = "counted rounds; the median is reported (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "objects per phase in each uncounted warm-up pass (default min(iterations, "
                    + Options.DEFAULT_WARMUP_CAP + ")); passes repeat until two in a row agree within 10%% (rate of"
                    + " every phase, CPU per op)")
    Integer warmup;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            description = "the longest the warm-up may take (default ${DEFAULT-VALUE}); past it the run is marked not"
                    + " steady")
    int warmupSeconds = Options.DEFAULT_WARMUP_SECONDS;

    @Option(
            names = "--order",
            paramLabel = "O",
            description = "fixed (default) or alternate: every other round runs the phase groups (a PUT and the GETs"
                    + " after it) in reverse order, to show a position effect")
    Order order = Order.FIXED;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "an open-loop run: N requests a second at fixed intervals, latency timed from each one's"
                    + " intended start (chapters 04, 05, 08)")
    Integer rate;

    @Mixin
    StoreOptions store;

    @Option(
            names = "--duration",
            paramLabel = "S",
            description = "a soak instead of rounds: a mix of put/get/list/delete for S seconds, reported every 10 s"
                    + " (chapters 04, 05, 08)")
    Integer duration;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "also write the results JSON there (always: target/results/${COMMAND-NAME}.json)")
    Path json;

    /** The command line of {@code experiment}: its defaults shown and used, its own options added. */
    static CommandLine of(String experiment, Defaults defaults, List<Extra> extras) {
        CommandLine line = CommandLines.of(new ChapterCommand());
        CommandSpec spec = line.getCommandSpec();
        spec.name(experiment);
        spec.usageMessage().customSynopsis("./mvnw -q -pl " + experiment + " exec:java -Dexec.args=\"[options]\"%n");
        for (Extra extra : extras) {
            spec.addOption(OptionSpec.builder("--" + extra.name())
                    .paramLabel("V")
                    .type(String.class)
                    .defaultValue(extra.defaultValue())
                    .description(
                            extra.check() != null
                                    ? extra.help() + " (default ${DEFAULT-VALUE})"
                                    : extra.help() + " (" + String.join("|", extra.values())
                                            + "; default ${DEFAULT-VALUE})")
                    .build());
        }
        spec.addMixin("help", CommandSpec.forAnnotatedObject(new CommandLines.Help()));
        line.setDefaultValueProvider(option -> switch (option instanceof OptionSpec o ? o.longestName() : "") {
            case "--iterations" -> String.valueOf(defaults.iterations());
            case "--size" -> String.valueOf(defaults.size());
            case "--concurrency" -> String.valueOf(defaults.concurrency());
            case "--rounds" -> String.valueOf(defaults.rounds());
            default -> null;
        });
        return line;
    }

    /** {@code --order} as the results JSON and the harness name it: fixed or alternate. */
    String order() {
        return order.name().toLowerCase(Locale.ROOT);
    }
}
