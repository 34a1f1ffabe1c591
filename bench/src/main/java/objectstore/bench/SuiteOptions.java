package objectstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import objectstore.harness.Options;
import objectstore.harness.StoreOptions;
import objectstore.provisioning.ModuleDir;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The suite's options, declared with picocli ({@link Line}). The store options are the chapters' own
 * ({@link StoreOptions}), and they and the sizes are checked by the chapters' parser ({@link Options}) so that a bad
 * value fails here, once, with the chapters' message, before any child starts.
 *
 * @param quick small counts, for a suite in a minute or two; otherwise the original's counts
 * @param out where the JSON, results.md and the charts go
 * @param only the experiments to run, in the book's order
 * @param passThrough options given to every child as they are: --store, --backend, --endpoint, --redis, --size,
 *     --concurrency, --iterations, --rounds, --warmup (the last three override the scale)
 * @param sweep null, {@code concurrency}, {@code size} or {@code rate}
 * @param values the swept values
 * @param givenIterations {@code --iterations}, null when not given
 * @param givenRounds {@code --rounds}, null when not given
 * @param givenWarmup {@code --warmup}, null when not given
 */
public record SuiteOptions(
        boolean quick,
        Path out,
        List<Chapters.Chapter> only,
        Map<String, String> passThrough,
        String sweep,
        List<Long> values,
        Integer givenIterations,
        Integer givenRounds,
        Integer givenWarmup,
        boolean help) {

    static final List<String> PASS_THROUGH =
            List.of("store", "backend", "endpoint", "redis", "size", "concurrency", "iterations", "rounds", "warmup");

    static final List<Long> CONCURRENCIES = List.of(1L, 10L, 50L, 200L, 1_000L);
    static final List<Long> SIZES = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);
    /** Sizes for chapter 09's large objects: 1 MiB to 1 GiB, four times larger each time. */
    static final List<Long> LARGE_SIZES = List.of(1L << 20, 4L << 20, 16L << 20, 64L << 20, 256L << 20, 1L << 30);
    /** Offered loads for an open-loop sweep, requests a second. */
    static final List<Long> RATES = List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L);

    /** What a sweep varies. */
    enum Sweep {
        CONCURRENCY,
        SIZE,
        RATE
    }

    /** The suite's command line, declared with picocli; {@link #parse} reads it and checks what goes together. */
    @Command(
            name = "suite",
            sortOptions = false,
            customSynopsis = "./mvnw -q -pl bench exec:java -Dexec.args=\"[options]\"%n",
            description = {
                "Runs every chapter (and the peers) in a child JVM each, on one kind of store, then writes each"
                        + " run's JSON, results.md and the charts.%n"
            })
    static final class Line {
        @Option(
                names = "--quick",
                description = "small counts (300-2,000 objects per phase, 2 rounds): a minute or two; without it,"
                        + " the original's counts and 3 rounds")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", description = "where results go (default: docs/results)")
        Path out;

        @Option(
                names = "--only",
                paramLabel = "NAME",
                split = ",",
                converter = ChapterName.class,
                description = "only these experiments, e.g. --only 01-blocking-s3,06 (names or numbers)")
        List<Chapters.Chapter> only;

        @Option(
                names = "--sweep",
                paramLabel = "D",
                description = "run one experiment at several values of D (concurrency|size|rate) and chart it;"
                        + " rate: an open loop at each offered load, latency charted against it")
        Sweep sweep;

        @Option(
                names = "--experiment",
                paramLabel = "NAME",
                converter = ChapterName.class,
                description = "the experiment a sweep runs, e.g. --experiment 04-sdk-async-s3")
        Chapters.Chapter experiment;

        @Option(
                names = "--values",
                paramLabel = "N",
                split = ",",
                converter = SweptValue.class,
                description = "the values a sweep tries (default concurrency 1,10,50,200,1000; size"
                        + " 1000,10000,100000,1000000 bytes, for 09-large-objects-s3 1 MiB to 1 GiB; rate"
                        + " 1000,2000,4000,8000,16000 a second)")
        List<Long> values;

        @Option(names = "--iterations", paramLabel = "N", description = "objects per phase, for every experiment")
        Integer iterations;

        @Option(names = "--rounds", paramLabel = "R", description = "counted rounds, for every experiment")
        Integer rounds;

        @Option(
                names = "--warmup",
                paramLabel = "N",
                description = "objects per phase in a warm-up pass, for every experiment (these three override the"
                        + " scale)")
        Integer warmup;

        @Option(
                names = "--size",
                paramLabel = "BYTES",
                description = "object size, passed to every experiment (default: each one's own)")
        Integer size;

        @Option(
                names = "--concurrency",
                paramLabel = "C",
                description = "operations in flight, passed to every experiment (default: each one's own)")
        Integer concurrency;

        @Mixin
        StoreOptions store;

        @Mixin
        CommandLines.Help help;
    }

    /** An experiment's name or number, e.g. {@code 04-sdk-async-s3} or {@code 04}. */
    static final class ChapterName implements CommandLine.ITypeConverter<Chapters.Chapter> {
        @Override
        public Chapters.Chapter convert(String name) {
            if (name.isBlank()) {
                throw new CommandLines.BadValue(
                        "--only needs experiment names, e.g. --only 01-blocking-s3,06-blocking-redis");
            }
            return Chapters.find(name.strip())
                    .orElseThrow(() -> new CommandLines.BadValue(
                            "unknown experiment '" + name.strip() + "'; the experiments are: " + Chapters.names()));
        }
    }

    /** One value of a sweep: a whole number of 1 or more. */
    static final class SweptValue implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value.strip().replace("_", ""));
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new CommandLines.BadValue(
                    "--values must be whole numbers of 1 or more separated by commas, e.g. --values 1,10,100; not '"
                            + value.strip() + "'");
        }
    }

    /** Parses the suite's arguments; throws {@link UserError} with one line naming the problem and the fix. */
    public static SuiteOptions parse(String[] args) {
        CommandLine line = CommandLines.of(new Line());
        line.getCommandSpec().usageMessage().footer("%nThe experiments: " + Chapters.names());
        if (CommandLines.parse(line, args)) {
            return new SuiteOptions(false, null, Chapters.ALL, Map.of(), null, List.of(), null, null, null, true);
        }
        Line given = line.getCommand();

        // The options given to every child, as given; the chapters' own parser checks them, with its messages.
        Map<String, String> passThrough = new LinkedHashMap<>();
        List<String> asArgs = new ArrayList<>();
        for (String name : PASS_THROUGH) {
            CommandLine.Model.OptionSpec matched = line.getParseResult().matchedOption("--" + name);
            if (matched != null) {
                passThrough.put(name, matched.originalStringValues().getLast());
                asArgs.add("--" + name);
                asArgs.add(matched.originalStringValues().getLast());
            }
        }
        Options.parse("suite", new Options.Defaults(1, 5_000, 1, 3, 1 << 30), List.of(), asArgs.toArray(String[]::new));

        Path out = given.out != null
                ? given.out.toAbsolutePath().normalize()
                : ModuleDir.resolve("../docs/results").toAbsolutePath().normalize();
        String sweep = given.sweep == null ? null : given.sweep.name().toLowerCase(Locale.ROOT);
        List<Chapters.Chapter> only;
        List<Long> values = List.of();
        if (sweep != null) {
            if (given.experiment == null) {
                throw new UserError(
                        "--sweep " + sweep + " needs the experiment to sweep, e.g. --experiment 04-sdk-async-s3");
            }
            if (given.only != null) {
                throw new UserError("--only is for a suite run; a sweep runs the one --experiment: drop --only");
            }
            if (passThrough.containsKey(sweep)) {
                throw new UserError("--" + sweep + " is what --sweep " + sweep
                        + " varies; drop it, or list the values with --values");
            }
            only = List.of(given.experiment);
            values = given.values != null
                    ? List.copyOf(given.values)
                    : switch (given.sweep) {
                        case SIZE -> Chapters.largeObjects(given.experiment.name()) ? LARGE_SIZES : SIZES;
                        case RATE -> RATES;
                        case CONCURRENCY -> CONCURRENCIES;
                    };
        } else {
            if (given.experiment != null || given.values != null) {
                throw new UserError("--experiment and --values go with --sweep concurrency|size|rate; for a suite of"
                        + " some experiments use --only");
            }
            only = given.only == null
                    ? Chapters.ALL
                    : Chapters.ALL.stream().filter(given.only::contains).toList();
        }
        return new SuiteOptions(
                given.quick,
                out,
                only,
                Map.copyOf(passThrough),
                sweep,
                values,
                given.iterations,
                given.rounds,
                given.warmup,
                false);
    }

    /** The arguments every child gets: the store options and sizes as given. */
    List<String> childArgs() {
        List<String> args = new ArrayList<>();
        for (String name : PASS_THROUGH) {
            if (passThrough.containsKey(name)
                    && !List.of("iterations", "rounds", "warmup").contains(name)) {
                args.add("--" + name);
                args.add(passThrough.get(name));
            }
        }
        return args;
    }

    /** The objects per phase for this chapter: --iterations, else the scale's count. */
    int iterations(Chapters.Chapter chapter) {
        return givenIterations != null ? givenIterations : quick ? chapter.quickIterations() : chapter.fullIterations();
    }

    /**
     * What {@code chapter} gets besides under {@code --quick} (chapter 09's smaller objects), but for what the options
     * give it already; nothing otherwise.
     */
    List<String> quickArgs(Chapters.Chapter chapter) {
        List<String> args = new ArrayList<>();
        if (!quick) {
            return args;
        }
        List<String> own = chapter.quickArgs();
        for (int i = 0; i + 1 < own.size(); i += 2) {
            String name = own.get(i).substring(2);
            if (!passThrough.containsKey(name)) {
                args.add(own.get(i));
                args.add(own.get(i + 1));
            }
        }
        return args;
    }

    /** Counted rounds: --rounds, else 2 when quick and the chapters' 3 otherwise. */
    int rounds() {
        return givenRounds != null ? givenRounds : quick ? 2 : 3;
    }

    /** Warm-up objects per phase: --warmup, else 100 when quick and the chapters' own default otherwise. */
    Integer warmup(int iterations) {
        return givenWarmup != null ? givenWarmup : quick ? Math.min(iterations, 100) : null;
    }

    /** How the suite was run, for results.md. */
    String scale() {
        String counts = quick
                ? "quick (--quick): 300 to 2,000 objects per phase"
                : "full: the original's counts (1,000, 10,000 or 100,000 objects per phase)";
        if (passThrough.containsKey("iterations")) {
            counts = passThrough.get("iterations") + " objects per phase (--iterations)";
        }
        return counts + ", " + rounds() + " counted rounds after a warm-up"
                + (passThrough.containsKey("size")
                        ? ", " + passThrough.get("size") + "-byte objects"
                        : ", 5,000-byte objects")
                + "; each experiment in a child JVM of its own";
    }

    /** The suite's usage help. */
    static String usage() {
        CommandLine line = CommandLines.of(new Line());
        line.getCommandSpec().usageMessage().footer("%nThe experiments: " + Chapters.names());
        return CommandLines.usage(line);
    }
}
