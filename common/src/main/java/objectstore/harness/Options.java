package objectstore.harness;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.provisioning.Backend;
import objectstore.provisioning.StoreChoice;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;

/**
 * The options every experiment takes, with each chapter's own defaults, as the chapter's code reads them. The command
 * line is declared with picocli ({@link ChapterCommand}): {@code --name value} or {@code --name=value}; anything
 * invalid is a {@link UserError} with one line that says what to fix.
 *
 * <p>A chapter may declare extra options of its own (chapter 02's {@code --threads platform|virtual}). Options that do
 * not apply to a chapter, like {@code --backend} on a Redis chapter, are accepted and ignored.
 */
public record Options(
        String experiment,
        int iterations,
        int size,
        int concurrency,
        int rounds,
        int warmup,
        int warmupSeconds,
        String order,
        int rate,
        StoreChoice store,
        Backend backend,
        URI endpoint,
        URI redis,
        String redisServer,
        Path json,
        boolean help,
        Map<String, String> extras,
        int duration) {

    /**
     * A chapter's defaults: the original experiment's iterations, object size and concurrency, the counted rounds, and
     * the largest {@code --size} it takes.
     */
    public record Defaults(int iterations, int size, int concurrency, int rounds, int maxSize) {
        /** The most an object may be where the harness keeps every object it puts in memory: 256 MiB. */
        public static final int IN_MEMORY_MAX_SIZE = 256 * 1024 * 1024;

        public Defaults(int iterations, int size, int concurrency, int rounds) {
            this(iterations, size, concurrency, rounds, IN_MEMORY_MAX_SIZE);
        }

        public Defaults(int iterations, int size, int concurrency) {
            this(iterations, size, concurrency, 3);
        }
    }

    /**
     * A chapter's own option: its name (without dashes), allowed values (the first is the default), and what it does.
     * An option whose values cannot be listed (a size, a count) has a {@code check} instead, and its one value is the
     * default.
     */
    public record Extra(String name, List<String> values, String help, Check check) {

        /** Accepts a value or throws {@link UserError} with one line that says what to give instead. */
        @FunctionalInterface
        public interface Check {
            void check(String name, String value);
        }

        public Extra(String name, List<String> values, String help) {
            this(name, values, help, null);
        }

        /** An option that takes any value {@code check} accepts; {@code defaultValue} when it is not given. */
        public static Extra checked(String name, String defaultValue, String help, Check check) {
            return new Extra(name, List.of(defaultValue), help, check);
        }

        public String defaultValue() {
            return values.getFirst();
        }
    }

    /** The longest soak {@code --duration} takes: a week, in seconds. */
    public static final int MAX_DURATION_SECONDS = 7 * 24 * 3600;

    /** The warm-up a run gets unless told otherwise: passes over up to 2,000 objects per phase. */
    public static final int DEFAULT_WARMUP_CAP = 2_000;

    /** The longest the warm-up may take before the run goes on, marked not steady. */
    public static final int DEFAULT_WARMUP_SECONDS = 120;

    /**
     * Parses {@code args} for {@code experiment} (its command line is {@link ChapterCommand}'s); throws
     * {@link UserError} with one line that names the option and the fix for any invalid input.
     */
    public static Options parse(String experiment, Defaults defaults, List<Extra> extraOptions, String[] args) {
        CommandLine line = ChapterCommand.of(experiment, defaults, extraOptions);
        boolean help = CommandLines.parse(line, args);
        if (help) {
            line = ChapterCommand.of(experiment, defaults, extraOptions); // the defaults, whatever else was given
            CommandLines.parse(line);
        }
        ChapterCommand given = line.getCommand();
        Map<String, String> extras = new LinkedHashMap<>();
        for (Extra extra : extraOptions) {
            extras.put(
                    extra.name(),
                    line.getCommandSpec().findOption("--" + extra.name()).getValue());
        }
        check(given, defaults, extraOptions, extras, line);
        return new Options(
                experiment,
                given.iterations,
                given.size,
                given.concurrency,
                given.rounds,
                given.warmup == null ? Math.min(given.iterations, DEFAULT_WARMUP_CAP) : given.warmup,
                given.warmupSeconds,
                given.order(),
                given.rate == null ? 0 : given.rate,
                given.store.store(),
                given.store.backend(),
                given.store.endpoint,
                given.store.redis,
                given.store.redisServer,
                given.json,
                help,
                Map.copyOf(extras),
                given.duration == null ? 0 : given.duration);
    }

    /** The rules picocli's types do not say: ranges, and options that exclude each other. */
    private static void check(
            ChapterCommand given,
            Defaults defaults,
            List<Extra> extraOptions,
            Map<String, String> extras,
            CommandLine line) {
        atLeast("--iterations", given.iterations, 1);
        atLeast("--size", given.size, 0);
        atLeast("--concurrency", given.concurrency, 1);
        atLeast("--rounds", given.rounds, 1);
        atLeast("--warmup", given.warmup, 0);
        atLeast("--duration", given.duration, 1);
        atLeast("--warmup-seconds", given.warmupSeconds, 1);
        atLeast("--rate", given.rate, 1);
        if (given.rate != null && given.duration != null) {
            throw new UserError("--rate and --duration are two kinds of run; give one of them");
        }
        if (given.duration != null && given.duration > MAX_DURATION_SECONDS) {
            throw new UserError("--duration " + given.duration + " is more than a week (" + MAX_DURATION_SECONDS
                    + " s); choose a shorter soak");
        }
        if (given.concurrency > 100_000) {
            throw new UserError("--concurrency " + given.concurrency
                    + " is more than this project supports (100000); choose a smaller one");
        }
        if (given.size > defaults.maxSize()) {
            throw new UserError("--size " + given.size + " is over " + (defaults.maxSize() >> 20) + " MiB ("
                    + defaults.maxSize() + " bytes); choose a smaller object size");
        }
        if (given.store.redisServer != null && given.store.redisServer.isBlank()) {
            throw new UserError("--redis-server needs a value: bundled, system or the path of a redis-server");
        }
        if (given.json != null && given.json.toString().isBlank()) {
            throw new UserError("--json needs a file name, e.g. --json target/run.json");
        }
        for (Extra extra : extraOptions) {
            if (extra.check() != null) {
                if (line.getParseResult().hasMatchedOption("--" + extra.name())) {
                    extra.check().check("--" + extra.name(), extras.get(extra.name()));
                }
            } else if (!extra.values().contains(extras.get(extra.name()))) {
                throw new UserError(CommandLines.oneOf("--" + extra.name(), extra.values(), extras.get(extra.name())));
            }
        }
    }

    /** The value of a chapter's own option. */
    public String extra(String name) {
        String value = extras.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no option --" + name + " declared for " + experiment);
        }
        return value;
    }

    /** The usage text for {@code --help}: picocli's, with the chapter's defaults and its own options. */
    public static String usage(String experiment, Defaults defaults, List<Extra> extraOptions) {
        return CommandLines.usage(ChapterCommand.of(experiment, defaults, extraOptions));
    }

    /** A count that is {@code min} or more, when given (null: not given). */
    private static void atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new UserError(
                    option + " must be " + (min == 0 ? "zero or more" : "at least " + min) + ", not " + value);
        }
    }
}
