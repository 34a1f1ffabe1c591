package objectstore.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The suite's charts, drawn with JFreeChart as PNG files: throughput per approach (put and get) and client CPU per
 * operation ({@link SweepCharts} draws a sweep's). Pure: results in, files out, so it is tested on recorded JSON
 * without a store.
 *
 * <p>Every chart's subtitle names the stores, the machine and the date. An experiment that failed or did not run keeps
 * its row, empty, with FAILED or "not run" beside its name: it never shows as a bar. Chapter 09's large objects have
 * charts of their own ({@link LargeObjectCharts}).
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Color PUT = new Color(0x1f77b4);
    static final Color GET = new Color(0xff7f0e);
    static final int WIDTH = 1200;

    private Charts() {}

    /** Writes throughput.png and cpu-per-op.png into {@code dir}; returns the files. */
    public static List<Path> write(List<Outcome> outcomes, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path throughput = dir.resolve("throughput.png");
        Path cpu = dir.resolve("cpu-per-op.png");
        bars(
                outcomes,
                "Throughput per approach: each chapter's own loop, PUT and GET",
                "items per second (median round; the label gives the slowest and fastest round)",
                PhaseResult::itemsPerSecond,
                false,
                throughput);
        bars(
                outcomes,
                "Client CPU per operation: each chapter's own loop, PUT and GET",
                "CPU microseconds per operation, client process only (log scale; less is better)",
                PhaseResult::cpuMicrosPerOp,
                true,
                cpu);
        return List.of(throughput, cpu);
    }

    /*
     * Horizontal bars per experiment and operation, S3 and Redis in panels of their own, each on a scale of its own
     * (their rates differ so much that one axis would flatten the S3 bars). A bar is a chapter's own loop for that
     * operation (the phase named plainly, else its sliding window), and its label names the loop and the requests in
     * flight; each axis reaches far enough for its longest label. Failed and skipped experiments are named, not drawn.
     * The panels are drawn one under the other into one picture, under one title and over one legend.
     */
    static void bars(
            List<Outcome> outcomes,
            String title,
            String valueAxis,
            ToDoubleFunction<PhaseResult> figure,
            boolean log,
            Path png)
            throws IOException {
        List<JFreeChart> panels = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();
        for (Chapters.Store store : Chapters.Store.values()) {
            List<Outcome> panel = outcomes.stream()
                    .filter(o -> storeOf(o) == store && !Chapters.largeObjects(o.experiment()))
                    .toList();
            if (panel.isEmpty()) {
                continue;
            }
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            List<String> labels = new ArrayList<>();
            double reach = log ? 1 : 0;
            for (Outcome o : panel) {
                String category = category(o);
                for (Phase.Kind kind : List.of(Phase.Kind.PUT, Phase.Kind.GET)) {
                    PhaseResult p = ResultsTable.usable(o, kind);
                    data.addValue(p == null ? null : figure.applyAsDouble(p), kind.op(), category);
                    labels.add(p == null ? "" : label(p, figure));
                    if (p != null) {
                        reach = Math.max(reach, reach(figure.applyAsDouble(p), labels.getLast(), log));
                    }
                }
            }
            CategoryAxis axis = new CategoryAxis(store == Chapters.Store.S3 ? "S3" : "Redis");
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axis.setMaximumCategoryLabelWidthRatio(0.4f);
            CategoryPlot plot = new CategoryPlot(data, axis, valueAxis(valueAxis, log, reach), renderer(labels, log));
            plot.setOrientation(PlotOrientation.HORIZONTAL);
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            AxisSpace left = new AxisSpace();
            left.setLeft(CATEGORIES);
            plot.setFixedDomainAxisSpace(left);
            JFreeChart chart = new JFreeChart(null, null, plot, false);
            chart.setBackgroundPaint(Color.WHITE);
            chart.setPadding(new RectangleInsets(0, 0, 0, RIGHT)); // room for the last tick's label
            panels.add(chart);
            heights.add(90 + 70 * panel.size());
        }
        Facts facts = Facts.of(outcomes);
        int height = HEADER + heights.stream().mapToInt(Integer::intValue).sum() + LEGEND;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            centred(g, title, new Font(Font.SANS_SERIF, Font.BOLD, 18), 28);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            centred(g, "Stores: " + String.join(" · ", facts.stores()), small, 50);
            centred(g, "Machine: " + facts.machine() + "  |  Date: " + facts.date(), small, 68);
            int y = HEADER;
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights.get(i)));
                y += heights.get(i);
            }
            legend(g, y + 12);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static final int HEADER = 80;
    private static final int LEGEND = 40;
    /** The width of the column of experiment names, the same in every panel so that the bars line up. */
    private static final int CATEGORIES = 300;
    /** Room right of the last tick, so that its label is never cut. */
    private static final int RIGHT = 30;
    /** Room the chart keeps right of the bars' axis for its insets and padding. */
    private static final int INSETS = 40 + RIGHT;

    private static final Font BAR_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private static BarRenderer renderer(List<String> labels, boolean log) {
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PUT);
        renderer.setSeriesPaint(1, GET);
        renderer.setItemMargin(0.05);
        if (log) {
            renderer.setBase(1);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
                return labels.get(column * 2 + row);
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setDefaultItemLabelFont(BAR_LABEL);
        return renderer;
    }

    /**
     * How far the axis must reach for a bar of {@code value} to leave room for its label: on a linear axis the bar ends
     * at value / upper of the width, on a log axis (from 1) at log(value) / log(upper) of it.
     */
    static double reach(double value, String label, boolean log) {
        double width = WIDTH - CATEGORIES - INSETS;
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            double room = width / (width - scratch.getFontMetrics(BAR_LABEL).stringWidth(label) - 12);
            return log ? Math.pow(10, Math.log10(Math.max(1, value)) * room) : value * room;
        } finally {
            scratch.dispose();
        }
    }

    private static void centred(Graphics2D g, String text, Font font, int baseline) {
        g.setFont(font);
        g.drawString(text, (WIDTH - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    /** One legend for every panel: the colour of each operation. */
    private static void legend(Graphics2D g, int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = WIDTH / 2 - 90;
        for (String op : List.of("put_object", "get_object")) {
            g.setColor(op.startsWith("put") ? PUT : GET);
            g.fillRect(x, top, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(op, x + 18, top + 11);
            x += 18 + g.getFontMetrics().stringWidth(op) + 30;
        }
    }

    private static ValueAxis valueAxis(String label, boolean log, double upper) {
        if (log) {
            RoundLogAxis axis = new RoundLogAxis(label);
            axis.setSmallestValue(1);
            axis.setRange(1, Math.max(10, upper));
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        axis.setRange(0, Math.max(1, upper));
        return axis;
    }

    /** "12,345 (11,900–12,800) · window" for a rate; the figure alone for CPU. */
    private static String label(PhaseResult p, ToDoubleFunction<PhaseResult> figure) {
        DecimalFormat whole = new DecimalFormat("#,##0");
        String loop = p.loop() == Loop.OWN ? "" : " · " + p.loop().words();
        if (figure.applyAsDouble(p) == p.itemsPerSecond() && p.rounds() > 1) {
            return whole.format(p.itemsPerSecond()) + " (" + whole.format(p.itemsPerSecondMin()) + "–"
                    + whole.format(p.itemsPerSecondMax()) + ")" + loop;
        }
        return whole.format(figure.applyAsDouble(p)) + loop;
    }

    private static Chapters.Store storeOf(Outcome o) {
        return Chapters.find(o.experiment())
                .map(Chapters.Chapter::store)
                .orElse(
                        o.result() != null && o.result().store().product().startsWith("Redis")
                                ? Chapters.Store.REDIS
                                : Chapters.Store.S3);
    }

    static void subtitle(JFreeChart chart, Facts facts) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle("Stores: " + String.join(" · ", facts.stores()), font));
        chart.addSubtitle(new TextTitle("Machine: " + facts.machine() + "  |  Date: " + facts.date(), font));
        chart.setBackgroundPaint(Color.WHITE);
    }

    /** The experiment, and how many requests it kept in flight. */
    private static String category(Outcome o) {
        String inFlight = o.result() == null
                ? ""
                : ", " + String.format("%,d", o.result().settings().concurrency()) + " in flight";
        return switch (o.status()) {
            case PASSED -> o.experiment() + inFlight;
            case FAILED -> o.experiment() + " (FAILED)";
            case NOT_RUN -> o.experiment() + " (not run)";
        };
    }
}
