package objectstore.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import objectstore.store.UserError;

/**
 * Runs every chapter, then the peers, one after another on one kind of store, each in a JVM of its own; then writes
 * their results JSON, a Markdown table (results.md) and charts into one folder.
 *
 * <p>Or, with {@code --sweep concurrency|size --experiment NAME}, runs one experiment at several concurrencies or
 * object sizes and draws its throughput against them.
 *
 * <p>Exit code: 0 when every experiment that ran passed; 1 when one failed (the table is written all the same, the
 * failure shown as FAILED); 2 for bad input, said in one line.
 */
public final class Suite {

    private Suite() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The suite; the testable form of {@link #main}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args);
        } catch (UserError e) {
            err.println("suite: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(SuiteOptions.usage());
            return 0;
        }
        try {
            return options.sweep() == null ? suite(options, out) : sweep(options, out);
        } catch (UserError e) {
            err.println("suite: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("suite: cannot write the results to " + options.out() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("suite: interrupted");
            return 1;
        }
    }

    /** Every chosen experiment in turn, then the table and the charts. */
    static int suite(SuiteOptions options, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        ChildJvm jvm = ChildJvm.onModuleClasspath();
        out.printf(
                "suite: %d experiments, %s%nsuite: results go to %s%n",
                options.only().size(), options.scale(), options.out());
        long start = System.nanoTime();

        List<Outcome> outcomes = new ArrayList<>();
        int index = 0;
        for (Chapters.Chapter chapter : options.only()) {
            index++;
            int iterations = options.iterations(chapter);
            List<String> args = scaleArgs(options, iterations);
            args.addAll(options.childArgs());
            args.addAll(options.quickArgs(chapter));
            String tag = "[" + index + "/" + options.only().size() + "]";
            outcomes.add(jvm.run(
                    chapter,
                    args,
                    options.out().resolve(chapter.name() + ".json"),
                    options.out().resolve("logs").resolve(chapter.name() + ".log"),
                    tag,
                    timeout(options),
                    out));
        }

        Path table = options.out().resolve("results.md");
        Files.writeString(table, ResultsTable.markdown(outcomes, options.scale()), StandardCharsets.UTF_8);
        List<Path> charts = Charts.write(outcomes, options.out());
        return summary(outcomes, table, charts, start, out);
    }

    /** One experiment at each swept value, then the sweep's table and chart. */
    static int sweep(SuiteOptions options, PrintStream out) throws IOException, InterruptedException {
        Chapters.Chapter chapter = options.only().getFirst();
        String dimension = options.sweep();
        Path folder = options.out().resolve("sweep-" + chapter.name() + "-" + dimension);
        Files.createDirectories(folder);
        ChildJvm jvm = ChildJvm.onModuleClasspath();
        out.printf(
                "suite: sweep of %s over %s %s%nsuite: results go to %s%n",
                chapter.name(), dimension, options.values(), options.out());
        long start = System.nanoTime();

        List<ResultsTable.SweepPoint> points = new ArrayList<>();
        int index = 0;
        for (long value : options.values()) {
            index++;
            int iterations = options.iterations(chapter);
            if (dimension.equals("size")) {
                iterations = boundedBySize(iterations, value);
            } else if (dimension.equals("rate")) {
                iterations =
                        (int) Math.min(RATE_SECONDS * value, 200_000); // each offered load held for about RATE_SECONDS
            }
            List<String> args = scaleArgs(options, iterations);
            args.addAll(options.childArgs());
            args.add("--" + dimension);
            args.add(String.valueOf(value));
            String label = dimension.equals("size") ? bytes(value) : String.format(Locale.ROOT, "%,d", value);
            String tag = "[" + index + "/" + options.values().size() + " " + dimension + " " + label + "]";
            Outcome outcome = jvm.run(
                    chapter,
                    args,
                    folder.resolve(value + ".json"),
                    folder.resolve("logs").resolve(value + ".log"),
                    tag,
                    timeout(options),
                    out);
            points.add(new ResultsTable.SweepPoint(value, label, outcome));
            if (outcome.status() == Outcome.Status.NOT_RUN) {
                break; // the same reason holds for every value
            }
        }

        if (dimension.equals("size") && Chapters.largeObjects(chapter.name())) {
            List<Path> written = LargeObjectSweep.write(chapter.name(), points, options.out());
            return summary(
                    points.stream().map(ResultsTable.SweepPoint::outcome).toList(),
                    written.getFirst(),
                    written.subList(1, written.size()),
                    start,
                    out);
        }
        Path table = options.out().resolve("sweep-" + chapter.name() + "-" + dimension + ".md");
        Files.writeString(table, ResultsTable.sweep(chapter.name(), dimension, points), StandardCharsets.UTF_8);
        List<Path> charts = SweepCharts.sweep(chapter.name(), dimension, points, options.out());
        return summary(points.stream().map(ResultsTable.SweepPoint::outcome).toList(), table, charts, start, out);
    }

    /** How long a rate sweep holds each offered load, in seconds of requests per phase. */
    static final int RATE_SECONDS = 5;

    /*
     * A size sweep keeps the objects of one phase under about 256 MiB: at 1 MB an object, 10,000 of them
     * would need 10 GB of heap (the harness keeps what it put, to check what it gets).
     */
    static int boundedBySize(int iterations, long size) {
        long cap = Math.max(50, (256L << 20) / Math.max(1, size));
        return (int) Math.min(iterations, cap);
    }

    private static List<String> scaleArgs(SuiteOptions options, int iterations) {
        List<String> args = new ArrayList<>(
                List.of("--iterations", String.valueOf(iterations), "--rounds", String.valueOf(options.rounds())));
        Integer warmup = options.warmup(iterations);
        if (warmup != null) {
            args.add("--warmup");
            args.add(String.valueOf(warmup));
        }
        return args;
    }

    private static Duration timeout(SuiteOptions options) {
        return options.quick() ? Duration.ofMinutes(10) : Duration.ofMinutes(90);
    }

    private static int summary(List<Outcome> outcomes, Path table, List<Path> charts, long start, PrintStream out) {
        long passed = outcomes.stream()
                .filter(o -> o.status() == Outcome.Status.PASSED)
                .count();
        long failed = outcomes.stream()
                .filter(o -> o.status() == Outcome.Status.FAILED)
                .count();
        long notRun = outcomes.stream()
                .filter(o -> o.status() == Outcome.Status.NOT_RUN)
                .count();
        out.printf(
                Locale.ROOT,
                "%nsuite: %d passed, %d failed, %d not run, in %.0f s%n",
                passed,
                failed,
                notRun,
                (System.nanoTime() - start) / 1e9);
        for (Outcome o : outcomes) {
            if (o.status() != Outcome.Status.PASSED) {
                out.printf(
                        "suite:   %s %s: %s%n",
                        o.experiment(), o.status() == Outcome.Status.FAILED ? "FAILED" : "not run", o.reason());
            }
        }
        out.println("suite: table  " + table);
        for (Path chart : charts) {
            out.println("suite: chart  " + chart);
        }
        return failed > 0 ? 1 : 0;
    }

    static String bytes(long size) {
        if (size >= 1L << 30 && size % (1L << 30) == 0) {
            return (size >> 30) + " GiB";
        }
        if (size >= 1L << 20 && size % (1L << 20) == 0) {
            return (size >> 20) + " MiB";
        }
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + " MB";
        }
        if (size >= 1_000 && size % 1_000 == 0) {
            return size / 1_000 + " KB";
        }
        return String.format(Locale.ROOT, "%,d B", size);
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl bench exec:java -Dexec.args="--quick"
 *   ./mvnw -q -pl bench exec:java                                        (the original's counts: long)
 *   ./mvnw -q -pl bench exec:java -Dexec.args="--quick --only 01,05,07 --backend memory --out target/suite"
 *   ./mvnw -q -pl bench exec:java -Dexec.args="--quick --sweep concurrency --experiment 05-lite-http-s3"
 *
 * WHAT YOU SHOULD SEE
 *
 *   A line per experiment as it starts, its store, and a progress line per phase and round
 *   ("[3/10] 03-async-executor-s3: round 1/2, phase 2 get_object ... items/s"), then a summary
 *   ("10 passed, 0 failed, 0 not run") and the files written: docs/results/results.md, throughput.png,
 *   cpu-per-op.png, and one JSON and one log per experiment. A quick run takes a few minutes on 2 cores.
 */
