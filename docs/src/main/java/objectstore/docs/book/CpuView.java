package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import objectstore.bench.profile.Profile;

/**
 * The {@code cpu op=OP} view: cpu profiles ({@code --profile --jfc cpu}) side by side, one column pair per record, for
 * one phase: its samples' share per category, and the estimated µs per operation. A category no profile has a sample in
 * is left out. Refuses a phase with fewer than {@link Profile#MIN_SAMPLES} samples: its shares would be guesses.
 */
final class CpuView {

    private CpuView() {}

    static String render(List<JsonNode> profiles, String op) {
        List<JsonNode> phases = new ArrayList<>();
        for (JsonNode profile : profiles) {
            JsonNode phase = phase(profile, op);
            long samples = phase.path("cpu").path("samples").asLong();
            if (samples < Profile.MIN_SAMPLES) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the profile of %s (%s) has %,d samples in phase '%s', fewer than the %,d a share needs;"
                                + " profile it again with more --iterations",
                        profile.path("experiment").asText(),
                        profile.path("date").asText(),
                        samples,
                        op,
                        Profile.MIN_SAMPLES));
            }
            phases.add(phase);
        }
        StringBuilder md = new StringBuilder("| category (`" + op + "`) |");
        for (JsonNode profile : profiles) {
            md.append(" ").append(profile.path("experiment").asText()).append(": share of samples | est. µs/op |");
        }
        md.append("\n| --- |").append(" ---: | ---: |".repeat(profiles.size())).append('\n');
        for (String category : categories(phases)) {
            md.append("| ").append(category).append(" |");
            for (JsonNode phase : phases) {
                JsonNode c = category(phase, category);
                md.append(
                        c == null
                                ? " – | – |"
                                : String.format(
                                        Locale.ROOT,
                                        " %.1f%% ± %.1f | %s |",
                                        100 * c.path("share").asDouble(),
                                        100 * c.path("shareError").asDouble(),
                                        Views.fixed(
                                                c.path("estimatedMicrosPerOp").asDouble(), 1)));
            }
            md.append('\n');
        }
        md.append("| all (the phase's client CPU µs/op) |");
        for (JsonNode phase : phases) {
            md.append(String.format(
                    Locale.ROOT,
                    " %,d samples | %s |",
                    phase.path("cpu").path("samples").asLong(),
                    Views.fixed(phase.path("cpuMicrosPerOp").asDouble(), 1)));
        }
        md.append("\n| the samples' share of that CPU |");
        for (JsonNode phase : phases) {
            JsonNode seen = phase.path("cpu").path("sampledShareOfCpu");
            md.append(
                    seen.isNumber()
                            ? String.format(Locale.ROOT, " %.0f%% | |", 100 * seen.asDouble())
                            : " – (several rounds) | |");
        }
        md.append("\n\n");
        for (JsonNode profile : profiles) {
            md.append("- ")
                    .append(profile.path("experiment").asText())
                    .append(": ")
                    .append(Views.profileLine(profile))
                    .append(' ')
                    .append(sampler(profile))
                    .append('\n');
        }
        return md.toString();
    }

    /** Which profiler sampled, how, and how often: "async-profiler 4.1 (perf_events), every 250 µs of CPU time." */
    static String sampler(JsonNode profile) {
        JsonNode settings = profile.path("jfr").path("settings");
        if (!settings.has("async-profiler#engine")) {
            return "Sampled by JFR.";
        }
        return String.format(
                Locale.ROOT,
                "Sampled by async-profiler %s (%s), every %s µs of each thread's CPU time, every thread of the client's"
                        + " JVM.",
                settings.path("async-profiler#version").asText("?"),
                settings.path("async-profiler#engine").asText(),
                Views.whole(settings.path("async-profiler#interval").asDouble() / 1000));
    }

    private static JsonNode phase(JsonNode profile, String op) {
        for (JsonNode p : profile.path("phases")) {
            if (p.path("op").asText().equals(op)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no phase " + op + " in the profile of "
                + profile.path("experiment").asText());
    }

    /** The categories with a sample in any of the phases, in the order the records list them. */
    private static Set<String> categories(List<JsonNode> phases) {
        Set<String> categories = new LinkedHashSet<>();
        for (JsonNode phase : phases) {
            for (JsonNode c : phase.path("cpu").path("categories")) {
                boolean any = false;
                for (JsonNode other : phases) {
                    JsonNode same = category(other, c.path("category").asText());
                    any |= same != null && same.path("samples").asLong() > 0;
                }
                if (any) {
                    categories.add(c.path("category").asText());
                }
            }
        }
        return categories;
    }

    private static JsonNode category(JsonNode phase, String name) {
        for (JsonNode c : phase.path("cpu").path("categories")) {
            if (c.path("category").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
