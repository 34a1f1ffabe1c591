package objectstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.harness.Options;
import objectstore.provisioning.ModuleDir;
import objectstore.store.UserError;

/**
 * The suite's options. The store options and the sizes are the chapters' own, checked by the same parser
 * ({@link Options}) so that a bad value fails here, once, with the chapters' message, before any child starts.
 *
 * @param quick small counts, for a suite in a minute or two; otherwise the original's counts
 * @param out where the JSON, results.md and the charts go
 * @param only the experiments to run, in the book's order
 * @param passThrough options given to every child as they are: --store, --backend, --endpoint, --redis, --size,
 *     --concurrency, --iterations, --rounds, --warmup (the last three override the scale)
 * @param sweep null, {@code concurrency}, {@code size} or {@code rate}
 * @param values the swept values
 */
public record SuiteOptions(
        boolean quick,
        Path out,
        List<Chapters.Chapter> only,
        Map<String, String> passThrough,
        String sweep,
        List<Long> values,
        boolean help) {

    static final List<String> PASS_THROUGH =
            List.of("store", "backend", "endpoint", "redis", "size", "concurrency", "iterations", "rounds", "warmup");
    static final List<String> OWN = List.of("out", "only", "sweep", "experiment", "values");

    static final List<Long> CONCURRENCIES = List.of(1L, 10L, 50L, 200L, 1_000L);
    static final List<Long> SIZES = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);
    /** Sizes for chapter 09's large objects: 1 MiB to 1 GiB, four times larger each time. */
    static final List<Long> LARGE_SIZES = List.of(1L << 20, 4L << 20, 16L << 20, 64L << 20, 256L << 20, 1L << 30);
    /** Offered loads for an open-loop sweep, requests a second. */
    static final List<Long> RATES = List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L);

    /** Parses the suite's arguments; throws {@link UserError} with one line naming the problem and the fix. */
    public static SuiteOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean quick = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UserError("unexpected argument '" + arg
                        + "'; options look like --quick or --out docs/results (see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            if (!PASS_THROUGH.contains(name) && !OWN.contains(name)) {
                throw new UserError("unknown option --" + name
                        + "; the options are: --quick --out --only --sweep --experiment --values --"
                        + String.join(" --", PASS_THROUGH) + " --help");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UserError("option --" + name + " needs a value, e.g. " + example(name));
            }
            if (given.put(name, value) != null) {
                throw new UserError("option --" + name + " is given twice; give it once");
            }
        }

        // The chapters' own parser checks the store options and the numbers, with the chapters' messages.
        Map<String, String> passThrough = new LinkedHashMap<>();
        List<String> asArgs = new ArrayList<>();
        for (String name : PASS_THROUGH) {
            if (given.containsKey(name)) {
                passThrough.put(name, given.get(name));
                asArgs.add("--" + name);
                asArgs.add(given.get(name));
            }
        }
        Options.parse("suite", new Options.Defaults(1, 5_000, 1), List.of(), asArgs.toArray(String[]::new));

        Path out = given.containsKey("out")
                ? Path.of(given.get("out")).toAbsolutePath().normalize()
                : ModuleDir.resolve("../docs/results").toAbsolutePath().normalize();
        String sweep = given.get("sweep");
        List<Chapters.Chapter> only;
        List<Long> values = List.of();
        if (sweep != null) {
            if (!sweep.equals("concurrency") && !sweep.equals("size") && !sweep.equals("rate")) {
                throw new UserError("--sweep must be concurrency, size or rate, not '" + sweep + "'");
            }
            if (!given.containsKey("experiment")) {
                throw new UserError(
                        "--sweep " + sweep + " needs the experiment to sweep, e.g. --experiment 04-sdk-async-s3");
            }
            if (given.containsKey("only")) {
                throw new UserError("--only is for a suite run; a sweep runs the one --experiment: drop --only");
            }
            if (passThrough.containsKey(sweep)) {
                throw new UserError("--" + sweep + " is what --sweep " + sweep
                        + " varies; drop it, or list the values with --values");
            }
            only = List.of(chapter(given.get("experiment")));
            List<Long> sizes = Chapters.largeObjects(only.getFirst().name()) ? LARGE_SIZES : SIZES;
            values = given.containsKey("values")
                    ? numbers(given.get("values"))
                    : sweep.equals("size") ? sizes : sweep.equals("rate") ? RATES : CONCURRENCIES;
        } else {
            if (given.containsKey("experiment") || given.containsKey("values")) {
                throw new UserError(
                        "--experiment and --values go with --sweep concurrency|size|rate; for a suite of some experiments use --only");
            }
            only = given.containsKey("only") ? chapters(given.get("only")) : Chapters.ALL;
        }
        return new SuiteOptions(quick, out, only, Map.copyOf(passThrough), sweep, values, help);
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
        return passThrough.containsKey("iterations")
                ? Integer.parseInt(passThrough.get("iterations").strip().replace("_", ""))
                : quick ? chapter.quickIterations() : chapter.fullIterations();
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
        return passThrough.containsKey("rounds")
                ? Integer.parseInt(passThrough.get("rounds").strip())
                : quick ? 2 : 3;
    }

    /** Warm-up objects per phase: --warmup, else 100 when quick and the chapters' own default otherwise. */
    Integer warmup(int iterations) {
        if (passThrough.containsKey("warmup")) {
            return Integer.parseInt(passThrough.get("warmup").strip().replace("_", ""));
        }
        return quick ? Math.min(iterations, 100) : null;
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

    static Chapters.Chapter chapter(String name) {
        return Chapters.find(name.strip())
                .orElseThrow(() -> new UserError(
                        "unknown experiment '" + name.strip() + "'; the experiments are: " + Chapters.names()));
    }

    private static List<Chapters.Chapter> chapters(String list) {
        List<Chapters.Chapter> named = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                named.add(chapter(name));
            }
        }
        if (named.isEmpty()) {
            throw new UserError("--only needs experiment names, e.g. --only 01-blocking-s3,06-blocking-redis");
        }
        return Chapters.ALL.stream().filter(named::contains).toList();
    }

    private static List<Long> numbers(String list) {
        List<Long> values = new ArrayList<>();
        for (String v : list.split(",")) {
            try {
                long n = Long.parseLong(v.strip().replace("_", ""));
                if (n < 1) {
                    throw new NumberFormatException();
                }
                values.add(n);
            } catch (NumberFormatException e) {
                throw new UserError(
                        "--values must be whole numbers of 1 or more separated by commas, e.g. --values 1,10,100; not '"
                                + v.strip() + "'");
            }
        }
        return List.copyOf(values);
    }

    private static String example(String name) {
        return switch (name) {
            case "out" -> "--out target/suite";
            case "only" -> "--only 01-blocking-s3,06-blocking-redis";
            case "sweep" -> "--sweep concurrency";
            case "experiment" -> "--experiment 04-sdk-async-s3";
            case "values" -> "--values 1,10,100";
            case "store" -> "--store embedded";
            case "backend" -> "--backend memory";
            case "endpoint" -> "--endpoint http://localhost:9001";
            case "redis" -> "--redis redis://localhost:6379";
            default -> "--" + name + " 100";
        };
    }

    static String usage() {
        return """
                usage: ./mvnw -q -pl bench exec:java -Dexec.args="[options]"

                Runs every chapter (and the peers) in a child JVM each, on one kind of store, then writes each
                run's JSON, results.md and the charts.

                  --quick            small counts (300-2,000 objects per phase, 2 rounds): a minute or two;
                                     without it, the original's counts and 3 rounds
                  --out DIR          where results go (default: docs/results)
                  --only A,B         only these experiments, e.g. --only 01-blocking-s3,06 (names or numbers)
                  --sweep D          run one experiment at several values of D (concurrency|size|rate) and chart it;
                                     rate: an open loop at each offered load, latency charted against it
                  --experiment NAME  the experiment a sweep runs, e.g. --experiment 04-sdk-async-s3
                  --values A,B       the values a sweep tries (default concurrency 1,10,50,200,1000;
                                     size 1000,10000,100000,1000000 bytes; for 09-large-objects-s3,
                                     1 MiB to 1 GiB, four times larger each time)
                  --iterations N --rounds R --warmup N   override the scale for every experiment
                  --size BYTES --concurrency C           passed to every experiment (default: each one's own)
                  --store S --backend B --endpoint URL --redis URL
                                     store selection, passed to every experiment (see any chapter's --help)
                  --help             this text

                The experiments: """ + Chapters.names() + "\n";
    }
}
