package objectstore.bench.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two recordings a profile can make. Locks: JFR with only the events it reads, in a .jfc file this class writes
 * (JFR's own {@code default} and {@code profile} settings record a hundred other events, and locks only above 10 or 20
 * ms). CPU: async-profiler's samples ({@link AsyncProfiler}), which JFR's samplers cannot replace.
 */
public enum JfrSettings {

    /*
     * Every contended monitor entry and every park, however short (threshold 0): what a thread waited on,
     * and for how long. Stack traces are kept to say where the waiting was.
     */
    LOCKS(
            64,
            Map.of(
                    "jdk.JavaMonitorEnter", settings("enabled", "true", "stackTrace", "true", "threshold", "0 ms"),
                    "jdk.ThreadPark", settings("enabled", "true", "stackTrace", "true", "threshold", "0 ms"))),

    /*
     * CPU samples: recorded by async-profiler's agent, not by JFR (see AsyncProfiler for why), in a
     * recording of JFR's format; no JFR events of its own.
     */
    CPU(2048, Map.of());

    private final int stackDepth;
    private final Map<String, Map<String, String>> events;

    JfrSettings(int stackDepth, Map<String, Map<String, String>> events) {
        this.stackDepth = stackDepth;
        this.events = events;
    }

    /** {@code locks} or {@code cpu}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int stackDepth() {
        return stackDepth;
    }

    /** The events this recording turns on, in name order. */
    public List<String> eventNames() {
        return events.keySet().stream().sorted().toList();
    }

    /** Every setting as {@code event#setting = value}, the form JFR's command line takes. */
    public Map<String, String> flat() {
        Map<String, String> flat = new LinkedHashMap<>();
        for (String event : eventNames()) {
            events.get(event).forEach((setting, value) -> flat.put(event + "#" + setting, value));
        }
        return flat;
    }

    /** The .jfc file: these events (and jdk.ActiveSetting, so the recording states what it applied); nothing else. */
    public String jfc() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="object-store-experiments %s" provider="object-store-experiments">
                """.formatted(label()));
        for (String event : eventNames()) {
            xml.append("  <event name=\"").append(event).append("\">\n");
            events.get(event)
                    .forEach((setting, value) -> xml.append("    <setting name=\"")
                            .append(setting)
                            .append("\">")
                            .append(value)
                            .append("</setting>\n"));
            xml.append("  </event>\n");
        }
        xml.append("  <event name=\"jdk.ActiveSetting\">\n    <setting name=\"enabled\">true</setting>\n  </event>\n");
        return xml.append("</configuration>\n").toString();
    }

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return settings;
    }
}
