package objectstore.bench;

import java.util.List;
import java.util.Locale;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;

/**
 * The suite's results as Markdown: one row per experiment and phase with the settings it ran with, the original's own
 * figures beside ours, and what each run was. Pure: results in, text out, so it is tested on recorded JSON without a
 * store. Each chapter runs with its own defaults (the original's counts and concurrency), so no column divides one
 * run's rate by another's: the book's then-and-now page divides within one server and one count.
 *
 * <p>A phase that failed or was not verified, and every phase of a run that failed, shows FAILED where its rate would
 * be: a figure from a broken run is not a measurement.
 */
public final class ResultsTable {

    private static final String DASH = "–";

    private ResultsTable() {}

    /** The whole results page; {@code scale} says how the suite was run, e.g. {@code quick (--quick)}. */
    public static String markdown(List<Outcome> outcomes, String scale) {
        Facts facts = Facts.of(outcomes);
        StringBuilder md = new StringBuilder();
        md.append("# Results: every experiment, one machine\n\n");
        md.append("<!-- Written by objectstore.bench.Suite (./mvnw -pl bench exec:java); rerun it rather than editing"
                + " this file. -->\n\n");
        md.append("- **Stores:** ").append(String.join("; ", facts.stores())).append('\n');
        md.append("- **Machine:** ").append(facts.machine()).append('\n');
        md.append("- **Date:** ").append(facts.date()).append('\n');
        md.append("- **Scale:** ").append(scale).append('\n');
        md.append("- Rates are the median round's; latencies cover every operation of every round; client CPU is the "
                + "experiment's own process (the store runs in another). See docs/measuring-honestly.md.\n\n");

        md.append("## Throughput and cost per phase\n\n");
        md.append(phaseTable(outcomes));
        md.append("\nEach run has its own objects and requests in flight (the chapter's defaults): read the rates side")
                .append(" by side, not as ratios. docs/then-and-now.md divides each chapter by a"
                        + " one-at-a-time run with")
                .append(" the same server, backend, objects and size.\n\n");

        md.append("## Then and now\n\n");
        md.append(thenAndNow(outcomes));
        md.append("\nThen: the original Python experiments' own figures (5,000-byte objects, one Docker MinIO"
                        + " on overlayfs, ")
                .append("one Docker Redis with an append-only file, their machine). Now: this run, each chapter's"
                        + " own loop. ")
                .append("The stores, machines and settings differ: docs/then-and-now.md sets each side beside its own")
                .append(" one-at-a-time loop.\n\n");

        md.append("## The runs\n\n");
        md.append(runTable(outcomes));

        md.append("\n## Charts\n\n");
        md.append("![Throughput per approach, S3 and Redis apart](throughput.png)\n\n");
        md.append("![Client CPU per operation](cpu-per-op.png)\n");
        return md.toString();
    }

    /** One row per experiment and phase. */
    static String phaseTable(List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append("| experiment | phase | items/s | MiB/s | p50 ms | p99 ms | client CPU µs/op | errors | verified"
                + " | objects | in flight | note |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Outcome o : outcomes) {
            if (o.result() == null || o.result().phases().isEmpty()) {
                String status = o.status() == Outcome.Status.NOT_RUN ? "not run" : "**FAILED**";
                md.append(row(o.experiment(), DASH, status, DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH, note(o)));
                continue;
            }
            boolean first = true;
            String objects =
                    String.format(Locale.ROOT, "%,d", o.result().settings().iterations());
            String inFlight =
                    String.format(Locale.ROOT, "%,d", o.result().settings().concurrency());
            for (PhaseResult p : o.result().phases()) {
                boolean counts = p.passed() && o.status() == Outcome.Status.PASSED;
                String verified = String.format(Locale.ROOT, "%,d/%,d", p.verified(), p.items());
                if (counts) {
                    md.append(row(
                            o.experiment(),
                            p.op(),
                            rate(p.itemsPerSecond()),
                            fixed(p.mibPerSecond(), 1),
                            fixed(p.latencyMs().p50(), 2),
                            fixed(p.latencyMs().p99(), 2),
                            rate(p.cpuMicrosPerOp()),
                            String.valueOf(p.errors()),
                            verified,
                            objects,
                            inFlight,
                            first ? note(o) : ""));
                } else {
                    md.append(row(
                            o.experiment(),
                            p.op(),
                            "**FAILED**",
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            String.valueOf(p.errors()),
                            verified,
                            objects,
                            inFlight,
                            p.passed() ? note(o) : failure(p)));
                }
                first = false;
            }
        }
        return md.toString();
    }

    /** The original's rates beside this run's, for the chapters the original reported. */
    static String thenAndNow(List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append("| experiment | then put/s | then get/s | now put/s | now get/s | now: objects, in flight |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Outcome o : outcomes) {
            Chapters.Chapter c = Chapters.find(o.experiment()).orElse(null);
            if (c == null || c.peer()) {
                continue;
            }
            PhaseResult put = usable(o, Phase.Kind.PUT);
            PhaseResult get = usable(o, Phase.Kind.GET);
            md.append(row(
                    o.experiment(),
                    c.originalPut() == null ? "not reported" : "~" + rate(c.originalPut()),
                    c.originalGet() == null ? "not reported" : "~" + rate(c.originalGet()),
                    put == null ? status(o) : rate(put.itemsPerSecond()),
                    get == null ? status(o) : rate(get.itemsPerSecond()),
                    o.result() == null
                            ? DASH
                            : String.format(
                                    Locale.ROOT,
                                    "%,d, %,d",
                                    o.result().settings().iterations(),
                                    o.result().settings().concurrency())));
        }
        return md.toString();
    }

    /** What each run was: its store, client and settings. */
    static String runTable(List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| experiment | status | store | client | objects | size | concurrency | rounds | warm-up | date |\n");
        md.append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Outcome o : outcomes) {
            RunResult r = o.result();
            String status = switch (o.status()) {
                case PASSED -> "passed";
                case FAILED -> "**FAILED**" + (o.reason() == null ? "" : ": " + escape(o.reason()));
                case NOT_RUN -> "not run" + (o.reason() == null ? "" : ": " + escape(o.reason()));
            };
            if (r == null) {
                md.append(row(o.experiment(), status, DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH));
                continue;
            }
            md.append(row(
                    o.experiment(),
                    status,
                    escape(Facts.store(r.store())),
                    escape(r.client()),
                    String.format(Locale.ROOT, "%,d", r.settings().iterations()),
                    String.format(Locale.ROOT, "%,d B", r.settings().size()),
                    String.format(Locale.ROOT, "%,d", r.settings().concurrency()),
                    String.valueOf(r.settings().rounds()),
                    String.format(Locale.ROOT, "%,d", r.settings().warmup()),
                    r.date()));
        }
        return md.toString();
    }

    /** A sweep's table: one row per swept value. */
    public static String sweep(String experiment, String dimension, List<SweepPoint> points) {
        List<Outcome> outcomes = points.stream().map(SweepPoint::outcome).toList();
        Facts facts = Facts.of(outcomes);
        StringBuilder md = new StringBuilder();
        md.append("# Sweep: ")
                .append(experiment)
                .append(" against ")
                .append(dimension)
                .append("\n\n");
        md.append("<!-- Written by objectstore.bench.Suite --sweep; rerun it rather than editing this file. -->\n\n");
        md.append("- **Stores:** ").append(String.join("; ", facts.stores())).append('\n');
        md.append("- **Machine:** ").append(facts.machine()).append('\n');
        md.append("- **Date:** ").append(facts.date()).append("\n\n");
        if (dimension.equals("rate")) {
            return rateSweep(experiment, points, md);
        }
        md.append("| ")
                .append(dimension)
                .append(" | objects | put items/s | get items/s | put MiB/s | get MiB/s | put p99 ms | get p99 ms"
                        + " | CPU µs/op put | CPU µs/op get | status |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (SweepPoint point : points) {
            Outcome o = point.outcome();
            PhaseResult put = usable(o, Phase.Kind.PUT);
            PhaseResult get = usable(o, Phase.Kind.GET);
            String objects = o.result() == null
                    ? DASH
                    : String.format(Locale.ROOT, "%,d", o.result().settings().iterations());
            md.append(row(
                    point.label(),
                    objects,
                    put == null ? status(o) : rate(put.itemsPerSecond()),
                    get == null ? status(o) : rate(get.itemsPerSecond()),
                    put == null ? DASH : fixed(put.mibPerSecond(), 1),
                    get == null ? DASH : fixed(get.mibPerSecond(), 1),
                    put == null ? DASH : fixed(put.latencyMs().p99(), 2),
                    get == null ? DASH : fixed(get.latencyMs().p99(), 2),
                    put == null ? DASH : rate(put.cpuMicrosPerOp()),
                    get == null ? DASH : rate(get.cpuMicrosPerOp()),
                    o.status() == Outcome.Status.PASSED
                            ? "passed"
                            : status(o) + (o.reason() == null ? "" : ": " + escape(o.reason()))));
        }
        md.append("\n![")
                .append(experiment)
                .append(" against ")
                .append(dimension)
                .append("](")
                .append(SweepCharts.sweepFileName(experiment, dimension))
                .append(")\n");
        return md.toString();
    }

    /**
     * An open-loop sweep: at each offered load, the rate achieved and the latency from the intended start beside the
     * service time.
     */
    private static String rateSweep(String experiment, List<SweepPoint> points, StringBuilder md) {
        md.append("| offered/s | op | achieved/s | p50 ms | p99 ms | p99.9 ms | service p99 ms | client CPU µs/op"
                + " | status |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (SweepPoint point : points) {
            for (Phase.Kind kind : List.of(Phase.Kind.PUT, Phase.Kind.GET)) {
                String op = kind.op();
                PhaseResult p = usable(point.outcome(), kind);
                if (p == null) {
                    md.append(row(
                            point.label(),
                            op,
                            status(point.outcome()),
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            status(point.outcome())));
                    continue;
                }
                md.append(row(
                        point.label(),
                        op,
                        rate(p.itemsPerSecond()),
                        fixed(p.latencyMs().p50(), 2),
                        fixed(p.latencyMs().p99(), 2),
                        fixed(p.latencyMs().p999(), 2),
                        p.serviceLatencyMs() == null
                                ? DASH
                                : fixed(p.serviceLatencyMs().p99(), 2),
                        rate(p.cpuMicrosPerOp()),
                        "passed"));
            }
        }
        md.append("\n![")
                .append(experiment)
                .append(" latency against offered load](")
                .append(SweepCharts.sweepFileName(experiment, "rate"))
                .append(")\n");
        return md.toString();
    }

    /** One point of a sweep: the swept value, how to print it, and what the run gave. */
    public record SweepPoint(long value, String label, Outcome outcome) {}

    // ---- cells

    /**
     * The phase that speaks for {@code kind} in a run ({@link PhaseResult#headline}: the chapter's own loop, else its
     * window, else its first), if its figures count: it passed, in a run that passed; else null.
     */
    static PhaseResult usable(Outcome o, Phase.Kind kind) {
        if (o.status() != Outcome.Status.PASSED || o.result() == null) {
            return null;
        }
        return PhaseResult.headline(o.result().phases(), kind)
                .filter(PhaseResult::passed)
                .orElse(null);
    }

    private static String status(Outcome o) {
        return switch (o.status()) {
            case PASSED -> DASH;
            case FAILED -> "**FAILED**";
            case NOT_RUN -> "not run";
        };
    }

    private static String note(Outcome o) {
        return o.reason() == null
                ? ""
                : (o.status() == Outcome.Status.NOT_RUN ? "not run: " : "FAILED: ") + escape(o.reason());
    }

    private static String failure(PhaseResult p) {
        return p.failures().isEmpty()
                ? "FAILED"
                : "FAILED: " + escape(p.failures().getFirst());
    }

    static String rate(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
