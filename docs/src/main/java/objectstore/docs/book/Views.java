package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.harness.Loop;
import objectstore.harness.Phase;

/**
 * How the book shows a record. Each view takes the part's records (in the order the {@code from:} line names them) and
 * its arguments, and returns Markdown. Pure: records in, text out. A view that divides one figure by another checks
 * that both were measured alike, or that the part names what differs ({@code varies=}, {@link LikeWithLike}).
 *
 * <ul>
 *   <li>{@code phases [ops=A|B]}: a run's phase table, then the line that says what was measured;
 *   <li>{@code run}: that line alone;
 *   <li>{@code compare [ops=A|B] [varies=...]}: the same phases of several runs, each rate also as a multiple of the
 *       same phase of run 1 ({@link Comparisons});
 *   <li>{@code table rows=PATH cols=field:Header|...}: any array of objects in a record, as a table (with several
 *       records and {@code rows=.}, a row per record); {@code choose use=...}: which approach to use ({@link Tables});
 *   <li>{@code text [varies=...] TEMPLATE}: a sentence whose figures come from the records ({@link Sentences});
 *   <li>{@code summary}: the suite's runs, one per record, each chapter's own loop for PUT and for GET, and each run's
 *       settings;
 *   <li>{@code rates}: open-loop runs, one per offered load; {@code ceiling}: a server's ceiling ({@link Loads});
 *   <li>{@code locks}: a locks profile ({@code --profile --jfc locks}): per phase, contended monitor entries and parked
 *       threads, and what was waited on longest;
 *   <li>{@code cpu op=OP}: cpu profiles ({@code --profile --jfc cpu}) side by side ({@link CpuView});
 *   <li>{@code rounds}: every round's rate of every phase, and the order each round ran its phases in;
 *   <li>{@code then module=M put=OP get=OP [varies=...]}: the original's figures (first record) beside the chapter's
 *       run (last); with a one-at-a-time run on the chapter's own server between them, each side's rates over it;
 *   <li>{@code transfers}: chapter 09's large objects, per phase ({@link LargeObjectViews}).
 * </ul>
 */
final class Views {

    static final String DASH = "–";

    private Views() {}

    static String render(String view, String args, List<JsonNode> records) {
        Map<String, String> options = options(view.equals("text") ? "" : args);
        return switch (view) {
            case "phases" -> phases(only(records), ops(options)) + "\n" + measured(only(records)) + "\n";
            case "run" -> measured(only(records)) + "\n";
            case "compare" -> Comparisons.compare(records, ops(options), varies(options));
            case "table" -> Tables.table(records, require(options, "rows"), require(options, "cols"));
            case "choose" -> Tables.choose(records, require(options, "use"));
            case "text" -> Sentences.text(args, records) + "\n";
            case "then" ->
                Comparisons.then(
                        records,
                        require(options, "module"),
                        require(options, "put"),
                        require(options, "get"),
                        varies(options));
            case "rounds" -> Tables.rounds(only(records));
            case "ceiling" -> Loads.ceiling(only(records));
            case "summary" -> Comparisons.summary(records);
            case "rates" -> Loads.rates(records);
            case "locks" -> locks(only(records));
            case "cpu" -> CpuView.render(records, require(options, "op"));
            case "transfers" -> LargeObjectViews.transfers(only(records));
            default ->
                throw new IllegalArgumentException("no view named " + view + "; the views are phases, run, compare,"
                        + " table, choose, text, then, rounds, ceiling, summary, rates, locks, cpu, transfers");
        };
    }

    // ---- phases and runs

    static String phases(JsonNode run, List<String> ops) {
        StringBuilder md = new StringBuilder();
        md.append("| phase | items/s (min–max) | MiB/s | p50 ms | p99 ms | client CPU µs/op | allocated B/op"
                + " | limited by | verified | errors |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (JsonNode p : selected(run, ops)) {
            String verified = String.format(
                    Locale.ROOT,
                    "%,d/%,d",
                    p.path("verified").asLong(),
                    p.path("items").asLong());
            if (!passed(p)) {
                md.append(row(
                        "`" + p.path("op").asText() + "`",
                        "**FAILED**",
                        DASH,
                        DASH,
                        DASH,
                        DASH,
                        DASH,
                        DASH,
                        verified,
                        p.path("errors").asText()));
                continue;
            }
            md.append(row(
                    "`" + p.path("op").asText() + "`",
                    rateCell(p),
                    fixed(p.path("mibPerSecond").asDouble(), 1),
                    fixed(p.path("latencyMs").path("p50").asDouble(), 2),
                    fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                    whole(p.path("cpuMicrosPerOp").asDouble()),
                    whole(p.path("allocatedBytesPerOp").asDouble()),
                    p.path("limitedBy").asText(DASH),
                    verified,
                    p.path("errors").asText()));
        }
        return md.toString();
    }

    /** The median rate with the rounds' range, marked when the rounds spread too widely to trust. */
    static String rateCell(JsonNode p) {
        String cell = whole(p.path("itemsPerSecond").asDouble());
        if (p.path("rounds").asInt() > 1) {
            cell += " (" + whole(p.path("itemsPerSecondMin").asDouble()) + "–"
                    + whole(p.path("itemsPerSecondMax").asDouble()) + ")";
        }
        if (p.has("steady") && !p.path("steady").asBoolean()) {
            cell += " unsteady";
        }
        return cell;
    }

    /** One line: when, on what store, with what client and settings, on what machine, and how busy it was. */
    static String measured(JsonNode run) {
        JsonNode s = run.path("settings");
        JsonNode m = run.path("machine");
        JsonNode w = run.path("warmup");
        StringBuilder line = new StringBuilder("Measured ")
                .append(run.path("date").asText().replace('T', ' ').replace("Z", " UTC"))
                .append(" on ")
                .append(store(run.path("store")))
                .append("; client: ")
                .append(run.path("client").asText())
                .append("; ")
                .append(String.format(
                        Locale.ROOT,
                        "%,d objects of %,d bytes, concurrency %,d, median of %d rounds",
                        s.path("iterations").asInt(),
                        s.path("size").asInt(),
                        s.path("concurrency").asInt(),
                        s.path("rounds").asInt()));
        if (!s.path("options").isEmpty()) {
            List<String> extras = new ArrayList<>();
            s.path("options")
                    .properties()
                    .forEach(e ->
                            extras.add("--" + e.getKey() + " " + e.getValue().asText()));
            line.append(" (").append(String.join(", ", extras)).append(")");
        }
        if (w.isObject()) {
            line.append(String.format(
                    Locale.ROOT,
                    " after a warm-up of %d passes in %.0f s (%s)",
                    w.path("passes").asInt(),
                    w.path("seconds").asDouble(),
                    w.path("steady").asBoolean() ? "steady" : "not steady: it reached its cap"));
        }
        line.append(String.format(
                Locale.ROOT,
                "; %d cores, %s",
                m.path("cores").asInt(),
                m.path("jvm").asText()));
        if (m.has("otherCpuCores")) {
            line.append(String.format(
                    Locale.ROOT,
                    "; other processes used %.2f cores on average (%s)",
                    m.path("otherCpuCores").asDouble(),
                    m.path("busy").asBoolean()
                            ? "a busy machine: read the ratios rather than the rates"
                            : "an otherwise quiet machine"));
        }
        return line.append('.').toString();
    }

    static String store(JsonNode store) {
        String backend =
                store.path("backend").isTextual() ? " (" + store.path("backend").asText() + ")" : "";
        return store.path("kind").asText() + " " + store.path("product").asText() + backend;
    }

    /**
     * The phase that speaks for {@code kind} in a run, by the harness's one rule ({@link Loop#headline}), read from
     * each phase's {@code kind} and {@code loop}; null when the run has none. A phase without them is refused.
     */
    static JsonNode headline(JsonNode run, Phase.Kind kind) {
        List<JsonNode> phases = new ArrayList<>();
        run.path("phases").forEach(phases::add);
        return Loop.headline(
                        phases,
                        kind,
                        p -> Phase.Kind.fromJson(typed(run, p, "kind")),
                        p -> Loop.fromJson(typed(run, p, "loop")))
                .orElse(null);
    }

    private static String typed(JsonNode run, JsonNode phase, String field) {
        if (!phase.path(field).isTextual()) {
            throw new IllegalArgumentException(run.path("experiment").asText() + ": phase '"
                    + phase.path("op").asText() + "' has no " + field
                    + "; every phase of a results JSON names its kind and its loop (docs/results-json.md)");
        }
        return phase.path(field).asText();
    }

    // ---- profiles

    static String locks(JsonNode profile) {
        StringBuilder md = new StringBuilder();
        md.append("| phase | contended monitor entries | their time, ms | parks | their time, ms"
                + " | threads waiting, on average | waited on longest |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (JsonNode p : profile.path("phases")) {
            JsonNode monitor = p.path("locks").path("monitorEnter");
            JsonNode park = p.path("locks").path("threadPark");
            JsonNode top = park.path("top").path(0);
            String waited = top.isMissingNode()
                    ? DASH
                    : "`" + simple(top.path("waitedOn").asText()) + "` in `"
                            + simple(top.path("at").asText()) + "`";
            md.append(row(
                    "`" + p.path("op").asText() + "`",
                    String.format(Locale.ROOT, "%,d", monitor.path("count").asLong()),
                    fixed(monitor.path("totalMs").asDouble(), 1),
                    String.format(Locale.ROOT, "%,d", park.path("count").asLong()),
                    fixed(park.path("totalMs").asDouble(), 1),
                    fixed(park.path("threadsWaiting").asDouble(), 1),
                    waited));
        }
        return md.append('\n').append(profileLine(profile)).append('\n').toString();
    }

    /** When and what a profile recorded, and how much to trust it. */
    static String profileLine(JsonNode profile) {
        List<String> args = new ArrayList<>();
        profile.path("chapterArgs").forEach(a -> args.add(a.asText()));
        StringBuilder line = new StringBuilder("Profiled ")
                .append(profile.path("date").asText().replace('T', ' ').replace("Z", " UTC"))
                .append(" (`")
                .append(profile.path("experiment").asText())
                .append(" ")
                .append(String.join(" ", args))
                .append("`) on ")
                .append(store(profile.path("store")))
                .append("; ")
                .append(profile.path("machine").path("cores").asInt())
                .append(" cores, ")
                .append(profile.path("machine").path("jvm").asText());
        JsonNode other = profile.path("machine").path("otherCpuCores");
        if (other.isNumber()) {
            line.append(String.format(Locale.ROOT, "; other processes used %.2f cores", other.asDouble()));
        }
        return line.append('.').toString();
    }

    private static String simple(String name) {
        int dot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        return dot < 0 ? name : name.substring(dot + 1);
    }

    // ---- small helpers

    private static Map<String, String> options(String args) {
        Map<String, String> options = new LinkedHashMap<>();
        Matcher option = Pattern.compile("(\\w+)=(.*?)(?=\\s+\\w+=|$)").matcher(args.strip());
        while (option.find()) {
            options.put(option.group(1), option.group(2).strip());
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the view needs " + name + "=...");
        }
        return value;
    }

    private static java.util.Set<LikeWithLike.Setting> varies(Map<String, String> options) {
        return LikeWithLike.varies(options.get("varies"));
    }

    private static List<String> ops(Map<String, String> options) {
        return options.containsKey("ops")
                ? List.of(options.get("ops").split("\\|")).stream()
                        .map(String::strip)
                        .toList()
                : List.of();
    }

    static List<JsonNode> selected(JsonNode run, List<String> ops) {
        List<JsonNode> phases = new ArrayList<>();
        if (ops.isEmpty()) {
            run.path("phases").forEach(phases::add);
            return phases;
        }
        for (String op : ops) {
            phases.add(Records.phase(run, op));
        }
        return phases;
    }

    static JsonNode only(List<JsonNode> records) {
        if (records.size() != 1) {
            throw new IllegalArgumentException("the view takes one record, not " + records.size());
        }
        return records.getFirst();
    }

    static boolean passed(JsonNode phase) {
        return phase.path("errors").asLong() == 0
                && phase.path("verified").asLong() == phase.path("items").asLong();
    }

    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String whole(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String fixed(double v, int places) {
        return String.format(Locale.ROOT, "%,." + places + "f", v);
    }

    static String times(double v) {
        return String.format(Locale.ROOT, "%.2f×", v);
    }
}
