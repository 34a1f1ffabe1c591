package objectstore.bench;

import static objectstore.bench.Charts.GET;
import static objectstore.bench.Charts.PUT;
import static objectstore.bench.Charts.WIDTH;
import static objectstore.bench.Charts.subtitle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A sweep's charts, as PNG files: throughput against concurrency or object size, or latency against offered load, each
 * with a line per operation on round log axes. Pure: results in, files out.
 */
public final class SweepCharts {

    private SweepCharts() {}

    /** The file a sweep's chart goes to, e.g. {@code sweep-04-sdk-async-s3-concurrency.png}. */
    public static String sweepFileName(String experiment, String dimension) {
        return "sweep-" + experiment + "-" + dimension + ".png";
    }

    /**
     * A line per operation: items/s (and, for a size sweep, MiB/s) against the swept value, on a log axis; for a rate
     * sweep, latency against the offered load.
     */
    public static List<Path> sweep(String experiment, String dimension, List<ResultsTable.SweepPoint> points, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path items = dir.resolve(sweepFileName(experiment, dimension));
        if (dimension.equals("rate")) {
            latency(experiment, points, items);
            return List.of(items);
        }
        line(experiment, dimension, points, "items per second (median round)", PhaseResult::itemsPerSecond, items);
        written.add(items);
        if (dimension.equals("size")) {
            Path mib = dir.resolve("sweep-" + experiment + "-size-mib.png");
            line(experiment, dimension, points, "MiB per second (median round)", PhaseResult::mibPerSecond, mib);
            written.add(mib);
        }
        return written;
    }

    private static void line(
            String experiment,
            String dimension,
            List<ResultsTable.SweepPoint> points,
            String valueAxis,
            ToDoubleFunction<PhaseResult> figure,
            Path png)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> failed = new ArrayList<>();
        for (Phase.Kind kind : List.of(Phase.Kind.PUT, Phase.Kind.GET)) {
            XYSeries series = new XYSeries(kind.op());
            for (ResultsTable.SweepPoint point : points) {
                PhaseResult p = ResultsTable.usable(point.outcome(), kind);
                if (p != null) {
                    series.add(point.value(), figure.applyAsDouble(p));
                } else if (kind == Phase.Kind.PUT) {
                    failed.add(point.label());
                }
            }
            data.addSeries(series);
        }
        RoundLogAxis x = new RoundLogAxis(
                dimension.equals("size") ? "object size, bytes (log scale)" : "operations in flight (log scale)");
        x.setSmallestValue(1);
        NumberAxis y = new NumberAxis(valueAxis);
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, PUT);
        renderer.setSeriesPaint(1, GET);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);

        String title =
                experiment + ": throughput against " + (dimension.equals("size") ? "object size" : "concurrency");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        subtitle(
                chart,
                Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList()));
        if (!failed.isEmpty()) {
            chart.addSubtitle(new TextTitle(
                    "FAILED or not run (no point drawn) at " + dimension + " " + String.join(", ", failed),
                    new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 700);
    }

    /*
     * Latency against offered load: p50 and p99 from each request's intended start (what a user waits)
     * and p99 of the service time (from the actual start), per operation, on log axes. Where the lines
     * bend upwards, the client (or the store) stopped keeping up with the arrivals.
     */
    private static void latency(String experiment, List<ResultsTable.SweepPoint> points, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Phase.Kind kind : List.of(Phase.Kind.PUT, Phase.Kind.GET)) {
            String op = kind.op();
            XYSeries p50 = new XYSeries(op + " p50");
            XYSeries p99 = new XYSeries(op + " p99");
            XYSeries service = new XYSeries(op + " p99, service time");
            for (ResultsTable.SweepPoint point : points) {
                PhaseResult p = ResultsTable.usable(point.outcome(), kind);
                if (p != null) {
                    p50.add(point.value(), Math.max(0.01, p.latencyMs().p50()));
                    p99.add(point.value(), Math.max(0.01, p.latencyMs().p99()));
                    if (p.serviceLatencyMs() != null) {
                        service.add(
                                point.value(),
                                Math.max(0.01, p.serviceLatencyMs().p99()));
                    }
                }
            }
            data.addSeries(p50);
            data.addSeries(p99);
            data.addSeries(service);
        }
        RoundLogAxis x = new RoundLogAxis("offered load, requests per second (log scale)");
        RoundLogAxis y = new RoundLogAxis("latency, ms (from the intended start; log scale)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 6; i++) {
            renderer.setSeriesPaint(i, i < 3 ? PUT : GET);
            renderer.setSeriesStroke(
                    i,
                    i % 3 == 2
                            ? new BasicStroke(
                                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(i % 3 == 0 ? 1.5f : 3f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(
                experiment + ": latency against offered load (open loop)",
                new Font(Font.SANS_SERIF, Font.BOLD, 18),
                plot,
                true);
        subtitle(
                chart,
                Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList()));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 700);
    }
}
