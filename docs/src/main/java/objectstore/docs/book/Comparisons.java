package objectstore.docs.book;

import static objectstore.docs.book.Views.DASH;
import static objectstore.docs.book.Views.fixed;
import static objectstore.docs.book.Views.passed;
import static objectstore.docs.book.Views.rateCell;
import static objectstore.docs.book.Views.row;
import static objectstore.docs.book.Views.times;
import static objectstore.docs.book.Views.whole;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import objectstore.docs.book.LikeWithLike.Setting;
import objectstore.harness.Phase;

/**
 * Views that set runs side by side: {@code compare} (the same phases of several runs, each divided by run 1's),
 * {@code summary} (the suite's runs, each with its settings) and {@code then} (the original's figures beside a
 * chapter's). Every division is checked like with like ({@link LikeWithLike}), and every dividing column names what it
 * divides by.
 */
final class Comparisons {

    private Comparisons() {}

    /** The same phases of several runs; each rate also as a multiple of the same phase of run 1. */
    static String compare(List<JsonNode> runs, List<String> ops, Set<Setting> varies) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare sets two runs or more side by side, not " + runs.size());
        }
        JsonNode base = runs.getFirst();
        StringBuilder md = new StringBuilder(
                "| run | phase | items/s (min–max) | × run 1, same phase | client CPU µs/op | allocated B/op | p99 ms"
                        + " | limited by | verified |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        Set<Setting> used = EnumSet.noneOf(Setting.class);
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            String name = (i + 1) + " · " + run.path("experiment").asText();
            for (JsonNode p : Views.selected(run, ops)) {
                String op = p.path("op").asText();
                if (!passed(p)) {
                    md.append(row(name, "`" + op + "`", "**FAILED**", DASH, DASH, DASH, DASH, DASH, verified(p)));
                    continue;
                }
                String ratio = "base";
                if (i > 0) {
                    JsonNode under = Records.phase(base, op);
                    used.addAll(LikeWithLike.check(
                            "compare's `" + op + "` of run " + (i + 1) + " (" + Sentences.name(run) + ") over run 1's ("
                                    + Sentences.name(base) + ")",
                            LikeWithLike.of(run, p),
                            LikeWithLike.of(base, under),
                            varies));
                    ratio = passed(under)
                            ? times(p.path("itemsPerSecond").asDouble()
                                    / under.path("itemsPerSecond").asDouble())
                            : DASH;
                }
                md.append(row(
                        name,
                        "`" + op + "`",
                        rateCell(p),
                        ratio,
                        whole(p.path("cpuMicrosPerOp").asDouble()),
                        whole(p.path("allocatedBytesPerOp").asDouble()),
                        fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                        p.path("limitedBy").asText(DASH),
                        verified(p)));
            }
        }
        LikeWithLike.allUsed(varies, used, "this comparison");
        md.append('\n');
        for (int i = 0; i < runs.size(); i++) {
            md.append("- run ")
                    .append(i + 1)
                    .append(", `")
                    .append(runs.get(i).path("experiment").asText())
                    .append("`: ")
                    .append(Views.measured(runs.get(i)))
                    .append('\n');
        }
        return md.toString();
    }

    /** The suite: one run per record, each chapter's own loop for PUT and for GET, each row with its settings. */
    static String summary(List<JsonNode> runs) {
        StringBuilder md = new StringBuilder(
                "| experiment | store | objects | in flight | phase | items/s (min–max) | client CPU µs/op"
                        + " | allocated B/op | p99 ms | limited by | verified |\n");
        md.append("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        Set<String> stores = new LinkedHashSet<>();
        Set<String> machines = new LinkedHashSet<>();
        TreeSet<String> days = new TreeSet<>();
        double busiest = 0;
        for (JsonNode run : runs) {
            stores.add(Views.store(run.path("store")));
            machines.add(run.path("machine").path("cores").asInt() + " cores, "
                    + run.path("machine").path("jvm").asText());
            days.add(run.path("date").asText().substring(0, 10));
            busiest =
                    Math.max(busiest, run.path("machine").path("otherCpuCores").asDouble());
            JsonNode store = run.path("store");
            String server = store.path("product").asText()
                    + (store.path("backend").isTextual()
                            ? " (" + store.path("backend").asText() + ")"
                            : "");
            String objects = whole(run.path("settings").path("iterations").asDouble());
            String inFlight = whole(run.path("settings").path("concurrency").asDouble());
            for (Phase.Kind kind : List.of(Phase.Kind.PUT, Phase.Kind.GET)) {
                JsonNode p = Views.headline(run, kind);
                if (p == null) {
                    continue;
                }
                String experiment = run.path("experiment").asText();
                String op = "`" + p.path("op").asText() + "`";
                if (!passed(p)) {
                    md.append(row(
                            experiment,
                            server,
                            objects,
                            inFlight,
                            op,
                            "**FAILED**",
                            DASH,
                            DASH,
                            DASH,
                            DASH,
                            verified(p)));
                    continue;
                }
                md.append(row(
                        experiment,
                        server,
                        objects,
                        inFlight,
                        op,
                        rateCell(p),
                        whole(p.path("cpuMicrosPerOp").asDouble()),
                        whole(p.path("allocatedBytesPerOp").asDouble()),
                        fixed(p.path("latencyMs").path("p99").asDouble(), 2),
                        p.path("limitedBy").asText(DASH),
                        verified(p)));
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

    /**
     * Then and now: the original's figures (first record) beside a chapter's run (last); with a baseline between them
     * (a one-at-a-time chapter on the chapter's own server and backend), each side's rates also over its own baseline.
     */
    static String then(List<JsonNode> records, String module, String put, String get, Set<Setting> varies) {
        if (records.size() < 2 || records.size() > 3) {
            throw new IllegalArgumentException(
                    "then takes the original's figures, a baseline run if any, and the chapter's run");
        }
        JsonNode now = records.getLast();
        JsonNode baseline = records.size() == 3 ? records.get(1) : null;
        JsonNode thenRow = originalRow(records.getFirst(), module);
        double nowPut = Records.phase(now, put).path("itemsPerSecond").asDouble();
        double nowGet = Records.phase(now, get).path("itemsPerSecond").asDouble();
        StringBuilder md = new StringBuilder("| | then: the original (Python; MinIO or Redis in Docker) | now: this"
                + " project (`" + now.path("experiment").asText() + "`, " + Views.store(now.path("store")) + ") |\n");
        md.append("| --- | ---: | ---: |\n");
        md.append(row("put items/s", orDash(thenRow.path("putPerSecond")), whole(nowPut) + " (`" + put + "`)"));
        md.append(row("get items/s", orDash(thenRow.path("getPerSecond")), whole(nowGet) + " (`" + get + "`)"));
        if (baseline != null) {
            String base = baseline.path("experiment").asText();
            if (!Views.store(baseline.path("store")).equals(Views.store(now.path("store")))) {
                throw new IllegalArgumentException("then divides "
                        + now.path("experiment").asText() + " on "
                        + Views.store(now.path("store")) + " by " + base + " on " + Views.store(baseline.path("store"))
                        + ": the baseline must run on the chapter's own server and backend");
            }
            JsonNode thenBase = originalRow(records.getFirst(), base);
            Set<Setting> used = EnumSet.noneOf(Setting.class);
            for (String[] side :
                    List.of(new String[] {"put", put, "put_object"}, new String[] {"get", get, "get_object"})) {
                JsonNode phase = Records.phase(now, side[1]);
                JsonNode under = Records.phase(baseline, side[2]);
                used.addAll(LikeWithLike.check(
                        "then's " + side[0] + " ratio (" + side[1] + " over " + base + "'s " + side[2] + ")",
                        LikeWithLike.of(now, phase),
                        LikeWithLike.of(baseline, under),
                        varies));
                md.append(row(
                        side[0] + ", × the one-at-a-time loop (`" + base + "`'s `" + side[2] + "`)",
                        ratio(thenRow.path(side[0] + "PerSecond"), thenBase.path(side[0] + "PerSecond")),
                        times(phase.path("itemsPerSecond").asDouble()
                                / under.path("itemsPerSecond").asDouble())));
            }
            LikeWithLike.allUsed(varies, used, "this then-and-now table");
            md.append("\nThe one-at-a-time loop: `")
                    .append(base)
                    .append("`, ")
                    .append(Views.measured(baseline))
                    .append('\n');
        }
        if (!thenRow.path("note").asText().isEmpty()) {
            md.append("\nThe original's note: ")
                    .append(thenRow.path("note").asText())
                    .append(".\n");
        }
        return md.toString();
    }

    private static JsonNode originalRow(JsonNode original, String module) {
        for (JsonNode row : original.path("reported").path("rows")) {
            if (row.path("module").asText().equals(module)) {
                return row;
            }
        }
        throw new IllegalArgumentException("the original's figures have no row for " + module);
    }

    private static String verified(JsonNode p) {
        return String.format(
                Locale.ROOT,
                "%,d/%,d",
                p.path("verified").asLong(),
                p.path("items").asLong());
    }

    private static String orDash(JsonNode value) {
        return value.isNumber() ? "~" + whole(value.asDouble()) : DASH;
    }

    private static String ratio(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? times(a.asDouble() / b.asDouble()) : DASH;
    }
}
