package objectstore.bench.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.bench.Chapters;
import objectstore.harness.Options;
import objectstore.store.UserError;

/**
 * The profile command's options: its own ({@code --profile CHAPTER}, {@code --jfc locks|cpu}, {@code --out FILE},
 * {@code --flame OP}, {@code --keep-jfr}); everything else goes to the chapter as it is, checked first by the chapter's
 * own parser so that a bad value fails here, before any JVM starts.
 *
 * @param chapter the chapter or peer to run
 * @param settings what to record
 * @param out the record's file
 * @param keepJfr keep the recording beside the record
 * @param flameGraphs cpu: the phases to draw a flame graph of, each with its SVG file beside the record
 * @param chapterArgs the chapter's arguments, as given
 * @param chapterOptions the same, as the chapter reads them (its rounds, say)
 */
public record ProfileOptions(
        Chapters.Chapter chapter,
        JfrSettings settings,
        Path out,
        boolean keepJfr,
        Map<String, Path> flameGraphs,
        List<String> chapterArgs,
        Options chapterOptions) {

    /** Parses the command's arguments (null for --help); throws {@link UserError} with one line naming the problem. */
    public static ProfileOptions parse(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return null;
        }
        String name = null;
        String jfc = "cpu";
        String out = null;
        boolean keepJfr = false;
        List<String> flames = new ArrayList<>();
        List<String> chapterArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String option = eq > 0 ? arg.substring(0, eq) : arg;
            switch (option) {
                case "--profile", "--jfc", "--out", "--flame" -> {
                    String value;
                    if (eq > 0) {
                        value = arg.substring(eq + 1);
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    } else {
                        throw new UserError(option + " needs a value; " + USAGE_LINE);
                    }
                    switch (option) {
                        case "--profile" -> name = value;
                        case "--jfc" -> jfc = value;
                        case "--flame" -> flames.add(value);
                        default -> out = value;
                    }
                }
                case "--keep-jfr" -> keepJfr = true;
                case "--json" ->
                    throw new UserError(
                            "--json is the profile's to set: the run's results JSON goes beside --out FILE, as FILE.results.json");
                default -> chapterArgs.add(arg);
            }
        }
        if (name == null) {
            throw new UserError("--profile needs the chapter, e.g. --profile 02; " + USAGE_LINE);
        }
        String given = name;
        Chapters.Chapter chapter = Chapters.find(name)
                .orElseThrow(() ->
                        new UserError("no chapter named '" + given + "'; give a name or number: " + Chapters.names()));
        JfrSettings settings = JfrSettings.of(jfc);
        if (settings == null) {
            throw new UserError("--jfc must be locks or cpu, not '" + jfc + "'");
        }
        if (out == null || out.isBlank()) {
            throw new UserError("--out FILE is needed: where the profile's record goes, e.g. --out /tmp/p02.json");
        }
        if (!flames.isEmpty() && settings != JfrSettings.CPU) {
            throw new UserError("--flame draws CPU samples: give it with --jfc cpu");
        }
        Path outFile = Path.of(out).toAbsolutePath().normalize();
        Map<String, Path> flameGraphs = new LinkedHashMap<>();
        for (String op : flames) {
            flameGraphs.put(op, outFile.resolveSibling(base(outFile) + "-" + slug(op) + ".svg"));
        }
        Options chapterOptions = Options.parse(
                chapter.name(),
                chapter.experiment().defaults(),
                chapter.experiment().extras(),
                chapterArgs.toArray(String[]::new));
        return new ProfileOptions(
                chapter,
                settings,
                outFile,
                keepJfr,
                java.util.Collections.unmodifiableMap(flameGraphs),
                List.copyOf(chapterArgs),
                chapterOptions);
    }

    static final String USAGE_LINE =
            "usage: --profile CHAPTER [--jfc locks|cpu] --out FILE [--flame OP] [--keep-jfr] [chapter options...]";

    /** What --help prints. */
    public static String usage() {
        return """
                Runs one chapter (or peer) in a child JVM with a recorder on (JDK Flight Recorder, or async-profiler
                for cpu), and writes what the recording holds per phase as one JSON record
                (docs/measuring-honestly.md, "Profiles").

                  --profile CHAPTER   a name or number: %s
                  --jfc locks|cpu     locks: JFR's contended monitor entries and parks, every one (threshold 0);
                                      cpu: async-profiler's samples of every thread every %d µs of its CPU time,
                                      native and kernel frames included, each put in a category (default)
                  --out FILE          the record; the run's results JSON goes beside it as FILE.results.json
                  --flame OP          cpu: also a flame graph of phase OP's samples, as FILE-OP.svg (repeatable)
                  --keep-jfr          keep the recording beside it too, as FILE.jfr
                  anything else       the chapter's options, e.g. --iterations 5000 --concurrency 200 --backend memory --rounds 1

                Give --rounds 1: events go to a phase by their time, and only one round gives each phase a window
                of its own. A cpu profile wants at least %,d samples a phase (the book draws no phase with fewer):
                give --iterations enough for a few tenths of a second of the client's CPU per phase.
                """.formatted(Chapters.names(), AsyncProfiler.INTERVAL_MICROS, Profile.MIN_SAMPLES);
    }

    /** The run's results JSON, beside the record: FILE without .json, plus .results.json. */
    public Path resultsJson() {
        return out.resolveSibling(base() + ".results.json");
    }

    /** The recording, when kept: FILE without .json, plus .jfr. */
    public Path jfr() {
        return out.resolveSibling(base() + ".jfr");
    }

    private String base() {
        return base(out);
    }

    private static String base(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** A phase's name as part of a file name: "put_object (window)" to "put_object-window". */
    static String slug(String op) {
        return op.replaceAll("[^A-Za-z0-9_]+", "-").replaceAll("^-+|-+$", "");
    }
}
