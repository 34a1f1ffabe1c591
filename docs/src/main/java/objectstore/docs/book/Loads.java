package objectstore.docs.book;

import static objectstore.docs.book.Views.DASH;
import static objectstore.docs.book.Views.fixed;
import static objectstore.docs.book.Views.passed;
import static objectstore.docs.book.Views.row;
import static objectstore.docs.book.Views.whole;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Views of load from outside the chapters' loops: {@code rates} (open-loop runs, one offered load per record) and
 * {@code ceiling} (a server's ceiling: the reference tool beside the project's client on the same server).
 */
final class Loads {

    private Loads() {}

    static String rates(List<JsonNode> runs) {
        StringBuilder md = new StringBuilder();
        md.append("| offered/s | phase | achieved/s | p50 ms | p99 ms | p99.9 ms | service p99 ms | client CPU µs/op"
                + " | limited by |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
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
                        whole(p.path("cpuMicrosPerOp").asDouble()),
                        p.path("limitedBy").asText(DASH)));
            }
        }
        md.append('\n').append(Views.measured(runs.getLast())).append('\n');
        return md.toString();
    }

    static String ceiling(JsonNode record) {
        StringBuilder md = new StringBuilder();
        md.append("| op | tool | tool/s | tool CPU µs/op | client/s | client CPU µs/op | client / tool | verified"
                + " | errors |\n");
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
}
