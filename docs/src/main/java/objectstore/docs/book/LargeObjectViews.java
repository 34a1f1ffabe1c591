package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The view of chapter 09's runs ({@code transfers}): per phase, bytes a second as MiB/s (the rounds' range) and Gbit/s,
 * CPU seconds and heap MiB per GiB moved, peak memory in MiB, the first byte's median for a GET, how the object was
 * cut, and how many objects were verified. A phase that failed shows FAILED, never a rate.
 */
final class LargeObjectViews {

    private static final double MIB = 1 << 20;

    private LargeObjectViews() {}

    static String transfers(JsonNode run) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| phase | MiB/s (min–max) | Gbit/s | CPU s/GiB | heap MiB allocated/GiB | peak MiB | first byte p50 ms"
                        + " | parts | verified |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        double size = run.path("settings").path("size").asDouble();
        for (JsonNode p : run.path("phases")) {
            String verified = String.format(
                    Locale.ROOT,
                    "%,d/%,d",
                    p.path("verified").asLong(),
                    p.path("items").asLong());
            String op = "`" + p.path("op").asText() + "`";
            if (p.path("errors").asLong() != 0
                    || p.path("verified").asLong() != p.path("items").asLong()) {
                md.append(Views.row(op, "**FAILED**", "–", "–", "–", "–", "–", "–", verified));
                continue;
            }
            JsonNode transfer = p.path("transfer");
            String parts = transfer.path("parts").asInt() <= 1
                    ? "one stream"
                    : transfer.path("parts").asInt() + " × "
                            + Views.whole(transfer.path("partSize").asDouble() / MIB) + " MiB"
                            + (transfer.has("parallel")
                                    ? ", " + transfer.path("parallel").asInt() + " at once"
                                    : "");
            md.append(Views.row(
                    op,
                    Views.fixed(p.path("mibPerSecond").asDouble(), 0) + " ("
                            + Views.fixed(p.path("itemsPerSecondMin").asDouble() * size / MIB, 0) + "–"
                            + Views.fixed(p.path("itemsPerSecondMax").asDouble() * size / MIB, 0) + ")",
                    Views.fixed(p.path("gbitsPerSecond").asDouble(), 2),
                    Views.fixed(p.path("cpuSecondsPerGiB").asDouble(), 2),
                    Views.whole(p.path("allocatedBytesPerGiB").asDouble() / MIB),
                    Views.whole(p.path("peakMemoryBytes").asDouble() / MIB),
                    p.has("firstByteMs")
                            ? Views.fixed(p.path("firstByteMs").path("p50").asDouble(), 1)
                            : "–",
                    parts,
                    verified));
        }
        return md.append('\n').append(Views.measured(run)).append('\n').toString();
    }
}
