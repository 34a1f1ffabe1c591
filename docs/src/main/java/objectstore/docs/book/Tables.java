package objectstore.docs.book;

import static objectstore.docs.book.Views.only;
import static objectstore.docs.book.Views.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Views that print records as they are: {@code table} (any array of objects in a record), {@code rounds} (every round
 * of a run) and {@code choose} (which approach to use: each situation with the run that answers it, its rates, its CPU
 * and its settings).
 */
final class Tables {

    private Tables() {}

    /** The rows at {@code rowsPath} of one record; with several records and {@code rows=.}, one row per record. */
    static String table(List<JsonNode> records, String rowsPath, String cols) {
        List<JsonNode> rows = new ArrayList<>();
        if (records.size() > 1 && rowsPath.equals(".")) {
            rows.addAll(records);
        } else {
            JsonNode found = Records.at(only(records), rowsPath);
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
                md.append(' ')
                        .append(Records.format(c[0], Records.at(row, c[0])))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Which approach to use: {@code use=N|PUT OP|GET OP|when you...|use this;...}, one row per situation, each with the
     * run (record N) that answers it: its PUT and GET rates with their rounds' range, its client CPU per operation, and
     * the settings it was measured with. The rates are set beside each other, never divided: the rows differ in client,
     * and may differ in store and settings, which each row states.
     */
    static String choose(List<JsonNode> records, String use) {
        StringBuilder md = new StringBuilder("| when you | use | PUT/s (min–max) | GET/s (min–max) | client CPU µs per"
                + " PUT, GET | measured with |\n");
        md.append("| --- | --- | ---: | ---: | ---: | --- |\n");
        for (String entry : use.split(";")) {
            String[] f = entry.split("\\|");
            if (f.length != 5) {
                throw new IllegalArgumentException("choose: each entry is RECORD|PUT OP|GET OP|when|use, not " + entry);
            }
            JsonNode run = records.get(Records.Ref.parse(f[0].strip() + ":.").record() - 1);
            JsonNode put = Records.phase(run, f[1].strip());
            JsonNode get = Records.phase(run, f[2].strip());
            String experiment = run.path("experiment").asText();
            JsonNode store = run.path("store");
            JsonNode s = run.path("settings");
            md.append(row(
                    f[3].strip(),
                    f[4].strip() + " ([" + experiment.substring(0, 2) + "](" + experiment + ".md): `" + f[1].strip()
                            + "`, `" + f[2].strip() + "`)",
                    Views.passed(put) ? Views.rateCell(put) : "**FAILED**",
                    Views.passed(get) ? Views.rateCell(get) : "**FAILED**",
                    Views.whole(put.path("cpuMicrosPerOp").asDouble()) + ", "
                            + Views.whole(get.path("cpuMicrosPerOp").asDouble()),
                    store.path("product").asText()
                            + (store.path("backend").isTextual()
                                    ? " (" + store.path("backend").asText() + ")"
                                    : "")
                            + String.format(
                                    java.util.Locale.ROOT,
                                    ", %,d objects, %,d in flight",
                                    s.path("iterations").asLong(),
                                    s.path("concurrency").asLong())
                            + options(s.path("options"))));
        }
        return md.toString();
    }

    /** A run's own options as on its command line, e.g. {@code , --pipeline 100}; empty when it had none. */
    private static String options(JsonNode options) {
        StringBuilder text = new StringBuilder();
        options.properties()
                .forEach(e -> text.append(", --")
                        .append(e.getKey())
                        .append(' ')
                        .append(e.getValue().asText()));
        return text.toString();
    }

    /** Every round's rate of every phase, and the order each round ran its phases in. */
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
                md.append(' ').append(Views.whole(rate.asDouble())).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').append(Views.measured(run)).append('\n').toString();
    }
}
