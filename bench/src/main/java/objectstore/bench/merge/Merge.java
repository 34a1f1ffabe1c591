package objectstore.bench.merge;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The docs module's {@code --merge}: the results of N client hosts, runs of one experiment with the same settings
 * against one store, as one results JSON of the same shape plus a {@code merge} object.
 *
 * <pre>./mvnw -q -pl bench exec:java -Dexec.args="--merge client-0.json client-1.json --out merged.json"</pre>
 *
 * <p>Exit code 0 when merged (warnings, if any, printed and recorded in the result), 1 when the result cannot be
 * written, 2 for bad input, said in one line.
 */
public final class Merge {

    private Merge() {}

    /** What the command was asked: the inputs (files, or folders of them), the output, the clocks' allowance. */
    public record Request(List<Path> inputs, Path out, long clockSkewMs, boolean help) {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = parse(args);
        } catch (UserError e) {
            err.println("merge: " + e.getMessage());
            return 2;
        }
        if (request.help()) {
            out.print(usage());
            return 0;
        }
        RunMerger.Merged merged;
        try {
            merged = RunMerger.merge(hosts(request), request.clockSkewMs());
        } catch (UserError e) {
            err.println("merge: " + e.getMessage());
            return 2;
        }
        print(merged, out);
        merged.merge().warnings().forEach(w -> err.println("merge: WARNING: " + w));
        try {
            MergedResults.write(merged, request.out());
        } catch (IOException e) {
            err.println("merge: cannot write " + request.out() + ": " + e.getMessage());
            return 1;
        }
        out.println("merged results JSON: " + request.out().toAbsolutePath().normalize());
        return 0;
    }

    /** The command line, declared with picocli. */
    @Command(
            name = "merge",
            sortOptions = false,
            customSynopsis = "./mvnw -q -pl bench exec:java"
                    + " -Dexec.args=\"--merge FILE|FOLDER... --out FILE [--clock-skew-ms N]\"%n",
            footer = {
                "%nCounts are summed, latencies come from the hosts' histograms added together, items/s is the sum"
                        + " of the hosts' rates round by round; docs/results-json.md (\"Merged results\") has the"
                        + " rules."
            })
    static final class Line {
        @Option(
                names = "--merge",
                arity = "0..*",
                paramLabel = "FILE|FOLDER",
                description = "the results JSON of each client host (runs of one experiment with the same settings"
                        + " against one store); a folder stands for every .json file in it")
        List<Path> inputs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", description = "where the merged results JSON goes")
        Path out;

        @Option(
                names = "--clock-skew-ms",
                paramLabel = "N",
                converter = Millis.class,
                description = "how far the hosts' clocks may disagree (default ${DEFAULT-VALUE}): an overlap no longer"
                        + " than this is reported as possibly not real")
        long clockSkewMs = RunMerger.DEFAULT_CLOCK_SKEW_MS;

        @Mixin
        CommandLines.Help help;
    }

    /** Milliseconds, zero or more. */
    static final class Millis implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long ms = Long.parseLong(value.strip());
                if (ms >= 0) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new CommandLines.BadValue(
                    "--clock-skew-ms must be a whole number of milliseconds, zero or more, not '" + value + "'");
        }
    }

    /** The command's arguments; anything wrong is a {@link UserError} whose message is the one line to print. */
    public static Request parse(String[] args) {
        CommandLine line = CommandLines.of(new Line());
        Line given = line.getCommand();
        if (CommandLines.parse(line, args)) {
            return new Request(List.copyOf(given.inputs), given.out, given.clockSkewMs, true);
        }
        if (given.out == null) {
            throw new UserError("--merge needs --out FILE, where the merged result goes");
        }
        if (given.inputs.isEmpty()) {
            throw new UserError(
                    "--merge needs the result files of the hosts, e.g. --merge client-0.json client-1.json --out"
                            + " merged.json");
        }
        return new Request(List.copyOf(given.inputs), given.out, given.clockSkewMs, false);
    }

    /* A folder stands for the .json files in it, in name order (in Kubernetes: the clients' shared volume). */
    private static List<RunMerger.Host> hosts(Request request) {
        List<Path> files = new ArrayList<>();
        for (Path input : request.inputs()) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listed = Files.list(input)) {
                    listed.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .filter(f -> !f.toAbsolutePath()
                                    .normalize()
                                    .equals(request.out().toAbsolutePath().normalize()))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UserError("cannot list " + input + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new UserError("no such file: " + input);
            }
        }
        List<RunMerger.Host> hosts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            RunResult run;
            try {
                run = MergedResults.readHost(file);
            } catch (JacksonException e) {
                throw new UserError(file + " is not a results JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UserError(file + " is " + e.getMessage());
            }
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            if (!names.add(name)) {
                name = file.toString();
                names.add(name);
            }
            hosts.add(new RunMerger.Host(name, file.toString(), run));
        }
        return hosts;
    }

    private static void print(RunMerger.Merged merged, PrintStream out) {
        RunResult run = merged.run();
        MergeRecord merge = merged.merge();
        out.printf(
                "merge: %d hosts of %s (%s), %s%n",
                merge.hosts(),
                run.experiment(),
                String.join(
                        ", ",
                        merge.inputs().stream().map(MergeRecord.Input::host).toList()),
                run.store().line());
        out.println(
                "  items/s is the sum of the hosts' rates; 'together' is how long every host ran the phase at once");
        for (int i = 0; i < run.phases().size(); i++) {
            PhaseResult p = run.phases().get(i);
            MergeRecord.PhaseWindows w = merge.phases().get(i);
            out.printf(
                    Locale.ROOT,
                    "  %-34s %9.0f items/s  p50 %.2f ms  p99 %.2f ms  max %.1f ms  verified %d/%d  errors %d"
                            + "  together %.3f s (%.0f%%)%n",
                    p.op(),
                    p.itemsPerSecond(),
                    p.latencyMs().p50(),
                    p.latencyMs().p99(),
                    p.latencyMs().max(),
                    p.verified(),
                    p.items(),
                    p.errors(),
                    w.shared().seconds(),
                    w.overlapPercent());
        }
    }

    static String usage() {
        return CommandLines.usage(CommandLines.of(new Line()));
    }
}
