package objectstore.bench.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.bench.Chapters;
import objectstore.harness.Options;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The profile command's options, declared with picocli ({@link Line}): its own ({@code --profile CHAPTER}, {@code --jfc
 * locks|cpu}, {@code --out FILE}, {@code --flame OP}, {@code --keep-jfr}); everything else goes to the chapter as it
 * is, checked first by the chapter's own parser so that a bad value fails here, before any JVM starts.
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

    /** The command line, declared with picocli; what it does not know goes to the chapter. */
    @Command(
            name = "profile",
            sortOptions = false,
            customSynopsis =
                    "./mvnw -q -pl bench exec:java -Dexec.args=\"--profile CHAPTER [--jfc locks|cpu] --out FILE"
                            + " [--flame OP] [--keep-jfr] [chapter options...]\"%n",
            description = {
                "Runs one chapter (or peer) in a child JVM with a recorder on (JDK Flight Recorder, or"
                        + " async-profiler for cpu), and writes what the recording holds per phase as one JSON record"
                        + " (docs/measuring-honestly.md, \"Profiles\").%n"
            },
            footer = {
                "%nAnything else is the chapter's options, e.g. --iterations 5000 --concurrency 200 --backend memory"
                        + " --rounds 1. Give --rounds 1: events go to a phase by their time, and only one round gives"
                        + " each phase a window of its own. A cpu profile wants at least "
                        + Profile.MIN_SAMPLES
                        + " samples a phase (the book draws no phase with fewer): give --iterations enough for a few"
                        + " tenths of a second of the client's CPU per phase."
            })
    static final class Line {
        @Option(
                names = "--profile",
                paramLabel = "CHAPTER",
                converter = ChapterName.class,
                description = "the chapter or peer, by name or number")
        Chapters.Chapter chapter;

        @Option(
                names = "--jfc",
                paramLabel = "locks|cpu",
                description = {
                    "locks: JFR's contended monitor entries and parks, every one (threshold 0);",
                    "cpu: async-profiler's samples of every thread every " + AsyncProfiler.INTERVAL_MICROS
                            + " µs of its CPU time, native and kernel frames included, each put in a category"
                            + " (default)"
                })
        JfrSettings settings = JfrSettings.CPU;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "the record; the run's results JSON goes beside it as FILE.results.json")
        Path out;

        @Option(
                names = "--flame",
                paramLabel = "OP",
                description = "cpu: also a flame graph of phase OP's samples, as FILE-OP.svg (repeatable)")
        List<String> flames = new ArrayList<>();

        @Option(names = "--keep-jfr", description = "keep the recording beside it too, as FILE.jfr")
        boolean keepJfr;

        @Option(names = "--json", hidden = true)
        String json;

        @Unmatched
        List<String> chapterArgs = new ArrayList<>();

        @Mixin
        CommandLines.Help help;
    }

    /** A chapter's or peer's name or number. */
    static final class ChapterName implements CommandLine.ITypeConverter<Chapters.Chapter> {
        @Override
        public Chapters.Chapter convert(String name) {
            return Chapters.find(name)
                    .orElseThrow(() -> new CommandLines.BadValue(
                            "no chapter named '" + name + "'; give a name or number: " + Chapters.names()));
        }
    }

    /** Parses the command's arguments (null for --help); throws {@link UserError} with one line naming the problem. */
    public static ProfileOptions parse(String[] args) {
        CommandLine line = CommandLines.of(new Line());
        if (CommandLines.parse(line, args)) {
            return null;
        }
        Line given = line.getCommand();
        if (given.json != null) {
            throw new UserError("--json is the profile's to set: the run's results JSON goes beside --out FILE, as"
                    + " FILE.results.json");
        }
        if (given.chapter == null) {
            throw new UserError("--profile needs the chapter, e.g. --profile 02 (see --help)");
        }
        if (given.out == null || given.out.toString().isBlank()) {
            throw new UserError("--out FILE is needed: where the profile's record goes, e.g. --out /tmp/p02.json");
        }
        if (!given.flames.isEmpty() && given.settings != JfrSettings.CPU) {
            throw new UserError("--flame draws CPU samples: give it with --jfc cpu");
        }
        Path out = given.out.toAbsolutePath().normalize();
        Map<String, Path> flameGraphs = new LinkedHashMap<>();
        for (String op : given.flames) {
            flameGraphs.put(op, out.resolveSibling(base(out) + "-" + slug(op) + ".svg"));
        }
        Options chapterOptions = Options.parse(
                given.chapter.name(),
                given.chapter.experiment().defaults(),
                given.chapter.experiment().extras(),
                given.chapterArgs.toArray(String[]::new));
        return new ProfileOptions(
                given.chapter,
                given.settings,
                out,
                given.keepJfr,
                Collections.unmodifiableMap(flameGraphs),
                List.copyOf(given.chapterArgs),
                chapterOptions);
    }

    /** What --help prints. */
    public static String usage() {
        return CommandLines.usage(CommandLines.of(new Line()));
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
