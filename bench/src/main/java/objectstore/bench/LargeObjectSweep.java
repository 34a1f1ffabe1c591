package objectstore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import objectstore.harness.PhaseResult;

/**
 * A size sweep of chapter 09 ({@code --sweep size --experiment 09-large-objects-s3}): at each size every client's PUT
 * and GET, their bytes a second, CPU per GiB and peak memory; the crossover, the size from which a client that moves an
 * object in parts (or ranges) beats the SDK on one stream; and two charts ({@link LargeObjectCharts}). Pure: results
 * in, files out.
 */
public final class LargeObjectSweep {

    /** A client in parts beats one stream when it moves at least this much more a second: more than a run's noise. */
    static final double BEATS_PERCENT = 10;

    /** The phases every other client is set against: the SDK on one stream. */
    static final String ONE_STREAM = "(sdk, one stream)";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LargeObjectSweep() {}

    /** One phase at one size, as the table and the charts show it. */
    public record Row(
            long size,
            String label,
            String op,
            String status,
            Double mibPerSecond,
            Double gbitsPerSecond,
            Double cpuSecondsPerGiB,
            Long peakMemoryBytes,
            Integer parts) {}

    /**
     * What the sweep found for PUT or GET: the SDK's one-stream phase, the client that beat it by most at the largest
     * size, the smallest size from which a client in parts beat it there and at every larger size (null: at none), and
     * both at the largest size.
     */
    public record Crossover(
            String oneStream,
            String client,
            Long fromBytes,
            String from,
            String largest,
            Double clientMibPerSecond,
            Double oneStreamMibPerSecond,
            Double ratio,
            Long clientPeakMemoryBytes,
            Long oneStreamPeakMemoryBytes) {}

    /** The sweep's record (docs/records/09-large-objects-s3/): the rule, both crossovers, the verdict, every row. */
    public record Record(
            String experiment,
            String date,
            List<String> stores,
            String machine,
            String rule,
            Crossover put,
            Crossover get,
            String verdict,
            List<Row> rows) {}

    /** Writes the table, the record and the charts into {@code dir}; returns them, the table first. */
    public static List<Path> write(String experiment, List<ResultsTable.SweepPoint> points, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        String base = "sweep-" + experiment + "-size";
        Record record = record(experiment, points);
        Path table = dir.resolve(base + ".md");
        Files.writeString(table, markdown(record), StandardCharsets.UTF_8);
        Path json = dir.resolve(base).resolve("crossover.json");
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), record);
        List<Path> written = new ArrayList<>(List.of(table, json));
        written.addAll(LargeObjectCharts.write(experiment, record, dir));
        return written;
    }

    static Record record(String experiment, List<ResultsTable.SweepPoint> points) {
        List<Row> rows = new ArrayList<>();
        for (ResultsTable.SweepPoint point : points) {
            Outcome o = point.outcome();
            if (o.result() == null) {
                rows.add(new Row(point.value(), point.label(), "–", status(o), null, null, null, null, null));
                continue;
            }
            for (PhaseResult p : o.result().phases()) {
                boolean counts = p.passed() && o.status() == Outcome.Status.PASSED && p.bytesPerSecond() != null;
                rows.add(new Row(
                        point.value(),
                        point.label(),
                        p.op(),
                        counts ? "passed" : "FAILED",
                        counts ? p.mibPerSecond() : null,
                        counts ? p.gbitsPerSecond() : null,
                        counts ? p.cpuSecondsPerGiB() : null,
                        counts ? p.peakMemoryBytes() : null,
                        p.transfer() == null ? null : p.transfer().parts()));
            }
        }
        Facts facts =
                Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList());
        Crossover put = crossover(rows, "put_object");
        Crossover get = crossover(rows, "get_object");
        return new Record(
                experiment,
                facts.date(),
                facts.stores(),
                facts.machine(),
                "the smallest size from which a client that moves an object in parts (or ranges) moves at least "
                        + (int) BEATS_PERCENT + "% more bytes a second than the SDK on one stream, at that size and"
                        + " every larger one swept",
                put,
                get,
                verdict(put, "PUT") + " " + verdict(get, "GET"),
                rows);
    }

    /** The crossover for {@code op} (put_object or get_object) over the rows of every size. */
    static Crossover crossover(List<Row> rows, String op) {
        List<Long> sizes = rows.stream().map(Row::size).distinct().sorted().toList();
        Long from = null;
        for (long size : sizes) {
            Row one = oneStream(rows, op, size);
            Row best = best(rows, op, size);
            boolean beats = one != null
                    && best != null
                    && best.mibPerSecond() >= (1 + BEATS_PERCENT / 100) * one.mibPerSecond();
            if (beats && from == null) {
                from = size;
            } else if (!beats) {
                from = null;
            }
        }
        long largest = sizes.isEmpty() ? 0 : sizes.getLast();
        Row one = oneStream(rows, op, largest);
        Row best = best(rows, op, largest);
        return new Crossover(
                one == null ? null : one.op(),
                best == null ? null : best.op(),
                from,
                from == null ? null : Suite.bytes(from),
                sizes.isEmpty() ? null : Suite.bytes(largest),
                best == null ? null : best.mibPerSecond(),
                one == null ? null : one.mibPerSecond(),
                best == null || one == null ? null : Math.round(best.mibPerSecond() / one.mibPerSecond() * 100) / 100.0,
                best == null ? null : best.peakMemoryBytes(),
                one == null ? null : one.peakMemoryBytes());
    }

    private static Row oneStream(List<Row> rows, String op, long size) {
        return rows.stream()
                .filter(r -> r.size() == size && r.mibPerSecond() != null && r.op().equals(op + " " + ONE_STREAM))
                .findFirst()
                .orElse(null);
    }

    /** The fastest phase at {@code size} that split the object (more than one part or range). */
    private static Row best(List<Row> rows, String op, long size) {
        return rows.stream()
                .filter(r -> r.size() == size
                        && r.mibPerSecond() != null
                        && r.op().startsWith(op)
                        && r.parts() != null
                        && r.parts() > 1)
                .max(Comparator.comparingDouble(Row::mibPerSecond))
                .orElse(null);
    }

    static String verdict(Crossover c, String what) {
        if (c.client() == null || c.oneStream() == null) {
            return what + ": no client moved the largest objects in parts here, or one stream did not pass.";
        }
        String figures = String.format(
                Locale.ROOT,
                "`%s` moved %.2f× the bytes a second of `%s` at %s (%,.0f against %,.0f MiB/s), holding %,d MiB at"
                        + " its peak against %,d MiB",
                c.client(),
                c.ratio(),
                c.oneStream(),
                c.largest(),
                c.clientMibPerSecond(),
                c.oneStreamMibPerSecond(),
                c.clientPeakMemoryBytes() >> 20,
                c.oneStreamPeakMemoryBytes() >> 20);
        return c.from() == null
                ? what + ": no size where parts beat one stream by " + (int) BEATS_PERCENT + "% at every larger size; "
                        + figures + "."
                : what + ": parts pay from " + c.from() + " on; " + figures + ".";
    }

    static String markdown(Record record) {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep: ").append(record.experiment()).append(" against object size\n\n");
        md.append("<!-- Written by objectstore.bench.Suite --sweep size; rerun it rather than editing"
                + " this file. -->\n\n");
        md.append("- **Stores:** ").append(String.join("; ", record.stores())).append('\n');
        md.append("- **Machine:** ").append(record.machine()).append('\n');
        md.append("- **Date:** ").append(record.date()).append("\n");
        md.append("- **Crossover:** ").append(record.rule()).append("\n\n");
        md.append(record.verdict()).append("\n\n");
        md.append("| size | phase | MiB/s | Gbit/s | CPU s/GiB | peak MiB | parts | status |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Row r : record.rows()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.label(),
                    r.op().equals("–") ? "–" : "`" + r.op() + "`",
                    r.mibPerSecond() == null ? "–" : String.format(Locale.ROOT, "%,.1f", r.mibPerSecond()),
                    r.gbitsPerSecond() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.gbitsPerSecond()),
                    r.cpuSecondsPerGiB() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.cpuSecondsPerGiB()),
                    r.peakMemoryBytes() == null ? "–" : String.format(Locale.ROOT, "%,d", r.peakMemoryBytes() >> 20),
                    r.parts() == null ? "–" : String.valueOf(r.parts()),
                    r.status()));
        }
        Set<String> charts = new LinkedHashSet<>(List.of(
                LargeObjectCharts.throughputFile(record.experiment()),
                LargeObjectCharts.memoryFile(record.experiment())));
        md.append('\n');
        charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n"));
        return md.toString();
    }

    private static String status(Outcome o) {
        return switch (o.status()) {
            case PASSED -> "passed";
            case FAILED ->
                "FAILED" + (o.reason() == null ? "" : ": " + o.reason().replace("|", "\\|"));
            case NOT_RUN ->
                "not run" + (o.reason() == null ? "" : ": " + o.reason().replace("|", "\\|"));
        };
    }
}
