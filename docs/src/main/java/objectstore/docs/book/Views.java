package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the book shows a record. Each view takes the part's records (in the order the {@code from:} line names them) and
 * its arguments, and returns Markdown. Pure: records in, text out.
 *
 * <ul>
 *   <li>{@code phases [ops=A|B]}: a run's phase table, then the line that says what was measured;
 *   <li>{@code run}: that line alone;
 *   <li>{@code compare ops=A|B}: the same phases of several runs, each rate also as a multiple of the first run's rate
 *       for that phase;
 *   <li>{@code table rows=PATH cols=field:Header|...}: any array of objects in a record, as a table (with several
 *       records and {@code rows=.}, a row per record);
 *   <li>{@code text TEMPLATE}: a sentence whose figures come from the records: {@code {2:phase[get_object
 *       (window)].itemsPerSecond}} is that field of the second record; {@code {A / B}} a ratio, {@code {A % B}} a
 *       percentage; {@code \n} a new line (for a list of sentences);
 *   <li>{@code summary}: one run per record (the suite's), each chapter's own loop for PUT and for GET (the phase named
 *       exactly so, else its window, else its first), its rate as a multiple of the first record's, and what the runs
 *       were;
 *   <li>{@code rates}: open-loop runs (one per record, {@code --rate}): at each offered load, the rate achieved, the
 *       latency from each request's intended start, and the service time;
 *   <li>{@code locks}: a locks profile ({@code --profile --jfc locks}): per phase, contended monitor entries and parked
 *       threads, and what was waited on longest;
 *   <li>{@code cpu op=OP}: cpu profiles ({@code --profile --jfc cpu}) side by side, one column pair per record: the
 *       phase's samples by category, and the estimated µs per operation;
 *   <li>{@code ceiling}: a server's ceiling (the docs module's {@code --ceiling}): the reference tool beside the
 *       project's client on the same server, per operation;
 *   <li>{@code rounds}: every round's rate of every phase, and the order each round ran its phases in;
 *   <li>{@code then module=M put=OP get=OP}: then and now, from the original's figures (first record), this project's
 *       chapter 01 run (second) and the chapter's own run (third, or the second for 01): each side's rates, and each
 *       side's rates as a multiple of its own blocking S3 loop (chapter 01);
 *   <li>{@code transfers}: chapter 09's large objects, per phase ({@link LargeObjectViews}).
 * </ul>
 */
final class Views {

    private static final String DASH = "–";

    private Views() {}

    static String render(String view, String args, List<JsonNode> records) {
        Map<String, String> options = options(view.equals("text") ? "" : args);
        return switch (view) {
            case "phases" -> phases(only(records), ops(options)) + "\n" + measured(only(records)) + "\n";
            case "run" -> measured(only(records)) + "\n";
            case "compare" -> compare(records, ops(options));
            case "table" -> table(records, require(options, "rows"), require(options, "cols"));
            case "text" -> text(args, records) + "\n";
            case "then" -> then(records, require(options, "module"), require(options, "put"), require(options, "get"));
            case "rounds" -> rounds(only(records));
            case "ceiling" -> ceiling(only(records));
            case "summary" -> summary(records);
            case "rates" -> rates(records);
            case "locks" -> locks(only(records));
            case "cpu" -> cpu(records, require(options, "op"));
            case "transfers" -> LargeObjectViews.transfers(only(records));
            default ->
                throw new IllegalArgumentException("no view named " + view
                        + "; the views are phases, run, compare, table, text, then, rounds, ceiling, summary, rates, locks, cpu,"
                        + " transfers");
        };
    }

    // ---- phases and runs

    static String phases(JsonNode run, List<String> ops) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| phase | items/s (min–max) | MiB/s | p50 ms | p99 ms | client CPU µs/op | allocated B/op | limited by | verified | errors |\n");
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
    private static String rateCell(JsonNode p) {
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

    // ---- several runs

    static String compare(List<JsonNode> runs, List<String> ops) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| experiment | phase | items/s | × first | client CPU µs/op | allocated B/op | p99 ms | limited by | verified |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        Map<String, Double> first = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            for (JsonNode p : selected(run, ops)) {
                String op = p.path("op").asText();
                String verified = String.format(
                        Locale.ROOT,
                        "%,d/%,d",
                        p.path("verified").asLong(),
                        p.path("items").asLong());
                if (!passed(p)) {
                    md.append(row(
                            run.path("experiment").asText(),
                            "`" + op + "`",
                            "**FAILED**",
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            verified));
                    continue;
                }
                double rate = p.path("itemsPerSecond").asDouble();
                String base = base(op);
                Double reference = first.putIfAbsent(base, rate);
                md.append(row(
                        run.path("experiment").asText(),
                        "`" + op + "`",
                        rateCell(p),
                        reference == null ? "1.00×" : times(rate / reference),
                        whole(p.path("cpuMicrosPerOp").asDouble()),
                        whole(p.path("allocatedBytesPerOp").asDouble()),
                        fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                        p.path("limitedBy").asText(DASH),
                        verified));
            }
        }
        md.append('\n');
        for (JsonNode run : runs) {
            md.append("- ")
                    .append(run.path("experiment").asText())
                    .append(": ")
                    .append(measured(run))
                    .append('\n');
        }
        return md.toString();
    }

    /** put_object, get_object or put_then_get: what a phase does, whatever its loop. */
    private static String base(String op) {
        int bracket = op.indexOf(" (");
        return bracket < 0 ? op : op.substring(0, bracket);
    }

    // ---- the suite, one line per chapter and operation

    static String summary(List<JsonNode> runs) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| experiment | phase | items/s (min–max) | × 01 | client CPU µs/op | allocated B/op | p99 ms | limited by | verified |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        Map<String, Double> first = new LinkedHashMap<>();
        java.util.Set<String> stores = new java.util.LinkedHashSet<>();
        java.util.Set<String> machines = new java.util.LinkedHashSet<>();
        java.util.TreeSet<String> days = new java.util.TreeSet<>();
        double busiest = 0;
        for (JsonNode run : runs) {
            stores.add(store(run.path("store")));
            machines.add(run.path("machine").path("cores").asInt() + " cores, "
                    + run.path("machine").path("jvm").asText());
            days.add(run.path("date").asText().substring(0, 10));
            busiest =
                    Math.max(busiest, run.path("machine").path("otherCpuCores").asDouble());
            for (String base : List.of("put_object", "get_object")) {
                JsonNode p = headline(run, base);
                if (p == null) {
                    continue;
                }
                String verified = String.format(
                        Locale.ROOT,
                        "%,d/%,d",
                        p.path("verified").asLong(),
                        p.path("items").asLong());
                if (!passed(p)) {
                    md.append(row(
                            run.path("experiment").asText(),
                            "`" + p.path("op").asText() + "`",
                            "**FAILED**",
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            verified));
                    continue;
                }
                double rate = p.path("itemsPerSecond").asDouble();
                Double reference = first.putIfAbsent(base, rate);
                md.append(row(
                        run.path("experiment").asText(),
                        "`" + p.path("op").asText() + "`",
                        rateCell(p),
                        reference == null ? "1.00×" : times(rate / reference),
                        whole(p.path("cpuMicrosPerOp").asDouble()),
                        whole(p.path("allocatedBytesPerOp").asDouble()),
                        fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                        p.path("limitedBy").asText(DASH),
                        verified));
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%nStores: %s. Machine: %s. Date: %s. Other processes used at most %.2f cores during any run.%n",
                String.join("; ", stores),
                String.join("; ", machines),
                days.isEmpty()
                        ? DASH
                        : days.first().equals(days.last()) ? days.first() : days.first() + " to " + days.last(),
                busiest));
        return md.toString();
    }

    /** A chapter's own loop for {@code base}: the phase named exactly so, else its window, else its first variant. */
    static JsonNode headline(JsonNode run, String base) {
        JsonNode window = null;
        JsonNode any = null;
        for (JsonNode p : run.path("phases")) {
            String op = p.path("op").asText();
            if (op.equals(base)) {
                return p;
            }
            if (window == null && op.startsWith(base + " (window")) {
                window = p;
            }
            if (any == null && op.startsWith(base)) {
                any = p;
            }
        }
        return window != null ? window : any;
    }

    // ---- open loops

    static String rates(List<JsonNode> runs) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| offered/s | phase | achieved/s | p50 ms | p99 ms | p99.9 ms | service p99 ms | client CPU µs/op |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (JsonNode run : runs) {
            for (JsonNode p : run.path("phases")) {
                if (!p.has("offeredPerSecond")) {
                    throw new IllegalArgumentException(
                            run.path("experiment").asText() + " is not an open-loop run (--rate)");
                }
                md.append(row(
                        whole(p.path("offeredPerSecond").asDouble()),
                        "`" + p.path("op").asText() + "`",
                        passed(p) ? whole(p.path("itemsPerSecond").asDouble()) : "**FAILED**",
                        fixed(p.path("latencyMs").path("p50").asDouble(), 2),
                        fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                        fixed(p.path("latencyMs").path("p999").asDouble(), 2),
                        fixed(p.path("serviceLatencyMs").path("p99").asDouble(), 2),
                        whole(p.path("cpuMicrosPerOp").asDouble())));
            }
        }
        md.append('\n').append(measured(runs.getLast())).append('\n');
        return md.toString();
    }

    // ---- profiles

    static String locks(JsonNode profile) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| phase | contended monitor entries | their time, ms | parks | their time, ms | threads waiting, on average | waited on longest |\n");
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

    static String cpu(List<JsonNode> profiles, String op) {
        List<JsonNode> phases = new ArrayList<>();
        for (JsonNode profile : profiles) {
            JsonNode found = null;
            for (JsonNode p : profile.path("phases")) {
                if (p.path("op").asText().equals(op)) {
                    found = p;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no phase " + op + " in the profile of "
                        + profile.path("experiment").asText());
            }
            phases.add(found);
        }
        StringBuilder md = new StringBuilder("| category (`" + op + "`) |");
        for (JsonNode profile : profiles) {
            md.append(" ").append(profile.path("experiment").asText()).append(": share of samples | est. µs/op |");
        }
        md.append("\n| --- |").append(" ---: | ---: |".repeat(profiles.size())).append('\n');
        List<String> categories = new ArrayList<>();
        phases.getFirst()
                .path("cpu")
                .path("categories")
                .forEach(c -> categories.add(c.path("category").asText()));
        for (String category : categories) {
            md.append("| ").append(category).append(" |");
            for (JsonNode phase : phases) {
                JsonNode c = null;
                for (JsonNode each : phase.path("cpu").path("categories")) {
                    if (each.path("category").asText().equals(category)) {
                        c = each;
                    }
                }
                md.append(
                        c == null
                                ? " – | – |"
                                : String.format(
                                        Locale.ROOT,
                                        " %.0f%% ± %.0f | %s |",
                                        100 * c.path("share").asDouble(),
                                        100 * c.path("shareError").asDouble(),
                                        fixed(c.path("estimatedMicrosPerOp").asDouble(), 1)));
            }
            md.append('\n');
        }
        md.append("| all (the phase's client CPU µs/op) |");
        for (JsonNode phase : phases) {
            md.append(String.format(
                    Locale.ROOT,
                    " %,d samples | %s |",
                    phase.path("cpu").path("samples").asLong(),
                    fixed(phase.path("cpuMicrosPerOp").asDouble(), 1)));
        }
        md.append("\n\n");
        for (JsonNode profile : profiles) {
            md.append("- ")
                    .append(profile.path("experiment").asText())
                    .append(": ")
                    .append(profileLine(profile))
                    .append('\n');
        }
        return md.toString();
    }

    /** When and what a profile recorded, and how much to trust it. */
    private static String profileLine(JsonNode profile) {
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

    // ---- a server's ceiling

    static String ceiling(JsonNode record) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| op | tool | tool/s | tool CPU µs/op | client/s | client CPU µs/op | client / tool | verified | errors |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (JsonNode r : record.path("rows")) {
            md.append(row(
                    r.path("op").asText(),
                    r.path("tool").asText(),
                    whole(r.path("toolPerSecond").asDouble()),
                    fixed(r.path("toolCpuMicrosPerOp").asDouble(), 1),
                    whole(r.path("clientPerSecond").asDouble()),
                    fixed(r.path("clientCpuMicrosPerOp").asDouble(), 1),
                    String.format(
                            Locale.ROOT,
                            "%.0f%%",
                            100
                                    * r.path("clientPerSecond").asDouble()
                                    / r.path("toolPerSecond").asDouble()),
                    String.format(Locale.ROOT, "%,d", r.path("verified").asLong()),
                    r.path("errors").asText()));
        }
        JsonNode store = record.path("store");
        JsonNode warmup = record.path("warmup");
        StringBuilder line = new StringBuilder("\nMeasured ")
                .append(record.path("date").asText().replace('T', ' ').replace("Z", " UTC"))
                .append(" on ")
                .append(store.path("product").asText());
        if (store.path("backend").isTextual()) {
            line.append(" (").append(store.path("backend").asText()).append(")");
        }
        if (store.path("jvmFlags").isArray() && !store.path("jvmFlags").isEmpty()) {
            List<String> flags = new ArrayList<>();
            store.path("jvmFlags").forEach(f -> flags.add(f.asText()));
            line.append(", JVM flags ").append(String.join(" ", flags));
        }
        // Records from before the rounds took turns have no toolFirst: the tool went first in every round.
        boolean turns = false;
        for (JsonNode round : record.path("rows").path(0).path("rounds")) {
            turns |= round.has("toolFirst") && !round.path("toolFirst").asBoolean();
        }
        line.append(String.format(
                Locale.ROOT,
                "; %s; the client: %s, %,d in flight; %d s each, %s, on the same server; ",
                record.path("workload").path("description").asText(),
                record.path("client").path("description").asText(),
                record.path("client").path("inFlight").asInt(),
                record.path("seconds").asInt(),
                turns ? "the tool and the client taking turns to go first" : "tool first"));
        List<String> rounds = new ArrayList<>();
        for (JsonNode r : record.path("rows")) {
            if (r.path("rounds").size() > 1) {
                List<String> ratios = new ArrayList<>();
                r.path("rounds")
                        .forEach(round -> ratios.add(String.format(
                                Locale.ROOT,
                                "%.0f%%",
                                100 * round.path("clientToToolRatio").asDouble())));
                rounds.add(r.path("op").asText() + " " + String.join(", ", ratios));
            }
        }
        if (!rounds.isEmpty()) {
            line.append("the median of ")
                    .append(record.path("rows").get(0).path("rounds").size())
                    .append(" rounds shown (client / tool per round: ")
                    .append(String.join("; ", rounds))
                    .append("); ");
        }
        line.append(String.format(
                Locale.ROOT,
                "warm-up: the server %s, the client %s; %d cores, %s",
                warmup.path("tool").path("steady").asBoolean() ? "steady" : "not steady (capped)",
                warmup.path("client").path("steady").asBoolean() ? "steady" : "not steady (capped)",
                record.path("machine").path("cores").asInt(),
                record.path("machine").path("jvm").asText()));
        List<String> others = new ArrayList<>();
        for (JsonNode r : record.path("rows")) {
            JsonNode tool = r.path("toolRun").path("cores").path("others");
            JsonNode client = r.path("clientRun").path("cores").path("others");
            if (tool.isNumber() && client.isNumber()) {
                others.add(String.format(
                        Locale.ROOT, "%s %.2f and %.2f", r.path("op").asText(), tool.asDouble(), client.asDouble()));
            }
        }
        if (!others.isEmpty()) {
            line.append("; other processes used (cores, during the tool and during the client): ")
                    .append(String.join(", ", others));
        }
        return md.append(line).append(".\n").toString();
    }

    // ---- round by round

    static String rounds(JsonNode run) {
        int rounds = run.path("settings").path("rounds").asInt();
        boolean alternate = "alternate"
                .equals(run.path("settings").path("options").path("order").asText());
        StringBuilder md = new StringBuilder("| phase |");
        for (int r = 1; r <= rounds; r++) {
            md.append(" round ")
                    .append(r)
                    .append(alternate ? (r % 2 == 0 ? " (reversed)" : " (as listed)") : "")
                    .append(" |");
        }
        md.append("\n| --- |").append(" ---: |".repeat(rounds)).append('\n');
        for (JsonNode p : run.path("phases")) {
            md.append("| `").append(p.path("op").asText()).append("` |");
            for (JsonNode rate : p.path("roundItemsPerSecond")) {
                md.append(' ').append(whole(rate.asDouble())).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').append(measured(run)).append('\n').toString();
    }

    // ---- then and now

    static String then(List<JsonNode> records, String module, String put, String get) {
        JsonNode original = records.getFirst();
        JsonNode blocking = records.get(1);
        JsonNode now = records.getLast();
        JsonNode thenRow = null;
        JsonNode thenBlocking = null;
        for (JsonNode row : original.path("reported").path("rows")) {
            if (row.path("module").asText().equals(module)) {
                thenRow = row;
            }
            if (row.path("module").asText().equals("01-blocking-s3")) {
                thenBlocking = row;
            }
        }
        if (thenRow == null || thenBlocking == null) {
            throw new IllegalArgumentException("the original's figures have no row for " + module);
        }
        double nowPut = at(now, "phase[" + put + "].itemsPerSecond").asDouble();
        double nowGet = at(now, "phase[" + get + "].itemsPerSecond").asDouble();
        double nowBlockingPut = at(blocking, "phase[put_object].itemsPerSecond").asDouble();
        double nowBlockingGet = at(blocking, "phase[get_object].itemsPerSecond").asDouble();
        StringBuilder md = new StringBuilder();
        md.append("| | then: the original (Python; MinIO or Redis in Docker) | now: this project (`")
                .append(now.path("experiment").asText())
                .append("`, ")
                .append(store(now.path("store")))
                .append(") |\n");
        md.append("| --- | ---: | ---: |\n");
        md.append(row("put items/s", orDash(thenRow.path("putPerSecond")), whole(nowPut) + " (`" + put + "`)"));
        md.append(row("get items/s", orDash(thenRow.path("getPerSecond")), whole(nowGet) + " (`" + get + "`)"));
        if (!module.equals("01-blocking-s3")) {
            md.append(row(
                    "put, over blocking S3 (chapter 01)",
                    ratio(thenRow.path("putPerSecond"), thenBlocking.path("putPerSecond")),
                    times(nowPut / nowBlockingPut)));
            md.append(row(
                    "get, over blocking S3 (chapter 01)",
                    ratio(thenRow.path("getPerSecond"), thenBlocking.path("getPerSecond")),
                    times(nowGet / nowBlockingGet)));
        }
        if (!thenRow.path("note").asText().isEmpty()) {
            md.append("\nThe original's note: ")
                    .append(thenRow.path("note").asText())
                    .append(".\n");
        }
        return md.toString();
    }

    private static String orDash(JsonNode value) {
        return value.isNumber() ? "~" + whole(value.asDouble()) : DASH;
    }

    private static String ratio(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? times(a.asDouble() / b.asDouble()) : DASH;
    }

    // ---- any table

    /** The rows at {@code rowsPath} of one record; with several records and {@code rows=.}, one row per record. */
    static String table(List<JsonNode> records, String rowsPath, String cols) {
        List<JsonNode> rows = new ArrayList<>();
        if (records.size() > 1 && rowsPath.equals(".")) {
            rows.addAll(records);
        } else {
            JsonNode found = at(only(records), rowsPath);
            if (found.isArray()) {
                found.forEach(rows::add);
            } else {
                rows.add(found);
            }
        }
        List<String[]> columns = new ArrayList<>();
        for (String col : cols.split("\\|")) {
            int colon = col.indexOf(':');
            columns.add(
                    colon < 0
                            ? new String[] {col.strip(), col.strip()}
                            : new String[] {
                                col.substring(0, colon).strip(),
                                col.substring(colon + 1).strip()
                            });
        }
        StringBuilder md = new StringBuilder("|");
        columns.forEach(c -> md.append(' ').append(c[1]).append(" |"));
        md.append("\n|");
        for (String[] c : columns) {
            md.append(" --- |");
        }
        md.append('\n');
        for (JsonNode row : rows) {
            md.append('|');
            for (String[] c : columns) {
                md.append(' ').append(format(c[0], at(row, c[0]))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    // ---- sentences

    private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)\\}");

    static String text(String template, List<JsonNode> records) {
        Matcher field = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (field.find()) {
            field.appendReplacement(
                    out, Matcher.quoteReplacement(expression(field.group(1).strip(), records)));
        }
        field.appendTail(out);
        return out.toString().replace("\\n", "\n");
    }

    private static String expression(String expression, List<JsonNode> records) {
        for (String op : new String[] {" / ", " % "}) {
            int at = expression.indexOf(op);
            if (at > 0) {
                double a = number(expression.substring(0, at), records);
                double b = number(expression.substring(at + op.length()), records);
                return op.equals(" / ") ? times(a / b) : String.format(Locale.ROOT, "%.0f%%", 100 * a / b);
            }
        }
        String[] ref = reference(expression);
        return format(ref[1], value(ref, records));
    }

    private static double number(String reference, List<JsonNode> records) {
        JsonNode value = value(reference(reference.strip()), records);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(reference + " is not a number in its record");
        }
        return value.asDouble();
    }

    /** "2:phase[get_object (window)].itemsPerSecond" to {"2", "phase[...].itemsPerSecond"}. */
    private static String[] reference(String reference) {
        int colon = reference.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(
                    "a reference is RECORD:PATH, e.g. 1:phase[put_object].itemsPerSecond, not " + reference);
        }
        return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
    }

    private static JsonNode value(String[] ref, List<JsonNode> records) {
        int index = Integer.parseInt(ref[0]) - 1;
        if (index < 0 || index >= records.size()) {
            throw new IllegalArgumentException(
                    "record " + ref[0] + " is not among the " + records.size() + " this part names");
        }
        JsonNode value = at(records.get(index), ref[1]);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("record " + ref[0] + " has no " + ref[1]);
        }
        return value;
    }

    /**
     * A dotted path; {@code phase[OP]} picks the phase of that name, a number an array's element, {@code .} the record
     * itself.
     */
    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : steps(path)) {
            if (step.startsWith("phase[")) {
                String op = step.substring("phase[".length(), step.length() - 1);
                JsonNode found = null;
                for (JsonNode p : current.path("phases")) {
                    if (p.path("op").asText().equals(op)) {
                        found = p;
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("no phase " + op + " in "
                            + current.path("experiment").asText("the record"));
                }
                current = found;
            } else if (step.equals(".") || step.isEmpty()) {
                continue;
            } else if (current.isArray() && step.chars().allMatch(Character::isDigit)) {
                current = current.path(Integer.parseInt(step));
            } else {
                current = current.path(step);
            }
        }
        return current;
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        int depth = 0;
        StringBuilder step = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                steps.add(step.toString());
                step.setLength(0);
            } else {
                step.append(c);
            }
        }
        steps.add(step.toString());
        return steps;
    }

    /** A value as the book prints it, by what its field is. */
    static String format(String path, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return DASH;
        }
        if (!value.isNumber()) {
            return value.asText();
        }
        String field = path.substring(path.lastIndexOf('.') + 1);
        double v = value.asDouble();
        if (field.endsWith("Percent") || field.equals("percent")) {
            return String.format(Locale.ROOT, "%.0f%%", v);
        }
        if (field.endsWith("Ms")
                || field.matches("p\\d+")
                || field.equals("max")
                || field.equals("seconds")
                || field.startsWith("cores")
                || field.equals("client")
                || field.equals("store")
                || field.equals("other")
                || field.endsWith("Cores")) {
            return fixed(v, 2);
        }
        if (field.endsWith("Ratio") || field.equals("ratio")) {
            return times(v);
        }
        return value.isIntegralNumber() || Math.abs(v) >= 100 ? whole(v) : fixed(v, Math.abs(v) >= 10 ? 1 : 2);
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

    private static List<String> ops(Map<String, String> options) {
        return options.containsKey("ops")
                ? List.of(options.get("ops").split("\\|")).stream()
                        .map(String::strip)
                        .toList()
                : List.of();
    }

    private static List<JsonNode> selected(JsonNode run, List<String> ops) {
        List<JsonNode> phases = new ArrayList<>();
        if (ops.isEmpty()) {
            run.path("phases").forEach(phases::add);
            return phases;
        }
        for (String op : ops) {
            phases.add(at(run, "phase[" + op + "]"));
        }
        return phases;
    }

    private static JsonNode only(List<JsonNode> records) {
        if (records.size() != 1) {
            throw new IllegalArgumentException("the view takes one record, not " + records.size());
        }
        return records.getFirst();
    }

    private static boolean passed(JsonNode phase) {
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
