package objectstore.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import objectstore.provisioning.ModuleDir;

/**
 * {@code --charts-only}: draws the suite's table and charts again from the results JSON already in {@code --out}
 * (docs/results by default), and each sweep's from its folder there, running nothing. A change in how results are drawn
 * then reaches the committed pictures without measuring again.
 *
 * <p>Exit code: 0 when something was drawn; 2 for bad input (an unknown option, a folder with no results), said in one
 * line.
 */
final class Redraw {

    private static final Pattern SWEEP = Pattern.compile("sweep-(.+)-(concurrency|size|rate)");
    private static final Pattern SCALE = Pattern.compile("(?m)^- \\*\\*Scale:\\*\\* (.*)$");

    private Redraw() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = ModuleDir.resolve("../docs/results").toAbsolutePath().normalize();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--charts-only")) {
                continue;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                dir = Path.of(args[++i]).toAbsolutePath().normalize();
            } else if (args[i].startsWith("--out=")) {
                dir = Path.of(args[i].substring("--out=".length()))
                        .toAbsolutePath()
                        .normalize();
            } else {
                err.println("charts: unexpected argument '" + args[i] + "'; --charts-only takes --out FOLDER only");
                return 2;
            }
        }
        try {
            List<Path> written = new ArrayList<>(suite(dir));
            written.addAll(sweeps(dir));
            if (written.isEmpty()) {
                err.println("charts: no results JSON of a chapter or peer, and no sweep folder, in " + dir
                        + "; give the folder a suite wrote with --out FOLDER");
                return 2;
            }
            written.forEach(file -> out.println("charts: drew " + file));
            return 0;
        } catch (IOException e) {
            err.println("charts: cannot read or write in " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    /** results.md and the suite's charts, from the chapters' and peers' JSON in {@code dir}, in the book's order. */
    static List<Path> suite(Path dir) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Chapters.Chapter chapter : Chapters.ALL) {
            Path json = dir.resolve(chapter.name() + ".json");
            if (Files.isRegularFile(json)) {
                outcomes.add(Outcome.read(json));
            }
        }
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Path table = dir.resolve("results.md");
        String scale = "as each run's settings say (drawn again from its results JSON)";
        if (Files.isRegularFile(table)) {
            Matcher recorded = SCALE.matcher(Files.readString(table, StandardCharsets.UTF_8));
            scale = recorded.find() ? recorded.group(1) : scale;
        }
        Files.writeString(table, ResultsTable.markdown(outcomes, scale), StandardCharsets.UTF_8);
        List<Path> written = new ArrayList<>(List.of(table));
        written.addAll(Charts.write(outcomes, dir));
        return written;
    }

    /** Each sweep folder's table and chart: {@code sweep-EXPERIMENT-DIMENSION/VALUE.json}, one file per point. */
    static List<Path> sweeps(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> files = Files.list(dir)) {
            folders = files.filter(Files::isDirectory).sorted().toList();
        }
        for (Path folder : folders) {
            Matcher name = SWEEP.matcher(folder.getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            String experiment = name.group(1);
            String dimension = name.group(2);
            List<ResultsTable.SweepPoint> points = new ArrayList<>();
            List<Path> jsons;
            try (Stream<Path> files = Files.list(folder)) {
                jsons = files.filter(f -> f.getFileName().toString().matches("\\d+\\.json"))
                        .sorted(Comparator.comparingLong(Redraw::value))
                        .toList();
            }
            for (Path json : jsons) {
                long value = value(json);
                String label = dimension.equals("size") ? Suite.bytes(value) : String.format(Locale.ROOT, "%,d", value);
                points.add(new ResultsTable.SweepPoint(value, label, Outcome.read(json)));
            }
            if (points.isEmpty()) {
                continue;
            }
            Path table = dir.resolve(folder.getFileName() + ".md");
            Files.writeString(table, ResultsTable.sweep(experiment, dimension, points), StandardCharsets.UTF_8);
            written.add(table);
            written.addAll(SweepCharts.sweep(experiment, dimension, points, dir));
        }
        return written;
    }

    private static long value(Path json) {
        String name = json.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".json".length()));
    }
}
