package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import objectstore.harness.Loop;
import objectstore.harness.Phase;

/**
 * The rule every generated ratio obeys: it divides two figures measured alike, or it names what differs as the variable
 * under study. A part names it with {@code varies=client,loop}; a ratio whose phases differ in anything the part does
 * not name is refused, and so is a name that nothing in the part varies.
 */
final class LikeWithLike {

    /** What a phase was measured with. */
    enum Setting {
        /** The server: its kind and product (a different server has its own backend too). */
        STORE,
        /** The server's storage: S3Proxy's memory or filesystem, Redis's binary. */
        BACKEND,
        /** The object size. */
        SIZE,
        /** The objects per phase. */
        COUNT,
        /** The requests in flight the run was given. */
        CONCURRENCY,
        /** The chapter or peer that ran, with its own options ({@code --threads virtual}). */
        CLIENT,
        /** The loop in the phase's name: {@code (window)}, {@code (batches)}, none. */
        LOOP,
        /** put_object, get_object or put_then_get. */
        OP;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private LikeWithLike() {}

    /** The variables a part names as under study: {@code varies=client,loop}; empty when it names none. */
    static Set<Setting> varies(String names) {
        Set<Setting> varies = EnumSet.noneOf(Setting.class);
        if (names == null || names.isBlank()) {
            return varies;
        }
        for (String name : names.split(",")) {
            Setting setting = null;
            for (Setting s : Setting.values()) {
                if (s.word().equals(name.strip())) {
                    setting = s;
                }
            }
            if (setting == null) {
                throw new IllegalArgumentException("varies=" + names + ": no setting named '" + name.strip()
                        + "'; the settings are " + words(EnumSet.allOf(Setting.class)));
            }
            varies.add(setting);
            if (setting == Setting.STORE) {
                varies.add(Setting.BACKEND);
            }
        }
        return varies;
    }

    /** The settings of one phase of a run (a results JSON). */
    static Map<Setting, String> of(JsonNode run, JsonNode phase) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        JsonNode store = run.path("store");
        JsonNode s = run.path("settings");
        settings.put(
                Setting.STORE,
                store.path("kind").asText() + " " + store.path("product").asText());
        settings.put(Setting.BACKEND, store.path("backend").asText(""));
        settings.put(
                Setting.SIZE,
                String.format(Locale.ROOT, "%,d bytes", s.path("size").asLong()));
        settings.put(
                Setting.COUNT,
                String.format(Locale.ROOT, "%,d objects", s.path("iterations").asLong()));
        settings.put(
                Setting.CONCURRENCY,
                String.format(
                        Locale.ROOT, "%,d in flight", s.path("concurrency").asLong()));
        StringBuilder client = new StringBuilder(run.path("experiment").asText());
        Map<String, String> options = new TreeMap<>();
        s.path("options")
                .properties()
                .forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        options.forEach(
                (name, value) -> client.append(" --").append(name).append(' ').append(value));
        settings.put(Setting.CLIENT, client.toString());
        Loop loop = Loop.fromJson(phase.path("loop").asText());
        settings.put(Setting.LOOP, loop == Loop.OWN ? "the chapter's own" : loop.words());
        settings.put(
                Setting.OP, Phase.Kind.fromJson(phase.path("kind").asText()).op());
        return settings;
    }

    /** The settings in which two phases differ. */
    static Set<Setting> differences(Map<Setting, String> a, Map<Setting, String> b) {
        Set<Setting> differ = EnumSet.noneOf(Setting.class);
        for (Setting s : Setting.values()) {
            if (!a.get(s).equals(b.get(s))) {
                differ.add(s);
            }
        }
        return differ;
    }

    /**
     * Checks that {@code what} divides like by like, up to {@code varies}; returns the settings it varies, for
     * {@link #allUsed}. The message says what differs and both ways out.
     */
    static Set<Setting> check(String what, Map<Setting, String> top, Map<Setting, String> bottom, Set<Setting> varies) {
        Set<Setting> differ = differences(top, bottom);
        List<String> unnamed = new ArrayList<>();
        for (Setting s : differ) {
            if (!varies.contains(s)) {
                unnamed.add(s.word() + " (" + top.get(s) + " against " + bottom.get(s) + ")");
            }
        }
        if (!unnamed.isEmpty()) {
            Set<Setting> needed = EnumSet.copyOf(varies);
            needed.addAll(differ);
            throw new IllegalArgumentException(what + " divides unlike by unlike: they differ in "
                    + String.join(" and ", unnamed) + "; compare runs measured alike, or name the variable under study"
                    + " with varies=" + words(needed));
        }
        return differ;
    }

    /** Refuses a {@code varies=} that names a setting no ratio of the part varies. */
    static void allUsed(Set<Setting> varies, Set<Setting> used, String where) {
        Set<Setting> idle = EnumSet.noneOf(Setting.class);
        idle.addAll(varies);
        idle.removeAll(used);
        if (varies.contains(Setting.STORE) && used.contains(Setting.STORE)) {
            idle.remove(Setting.BACKEND);
        }
        if (!idle.isEmpty()) {
            throw new IllegalArgumentException(where + " names varies=" + words(idle)
                    + " but no ratio in it differs in " + (idle.size() == 1 ? "it" : "them") + "; leave "
                    + (idle.size() == 1 ? "it" : "them") + " out");
        }
    }

    static String words(Set<Setting> settings) {
        return String.join(",", settings.stream().map(Setting::word).toList());
    }
}
