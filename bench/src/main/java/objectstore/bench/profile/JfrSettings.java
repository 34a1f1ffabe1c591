package objectstore.bench.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two recordings a profile can make, each with only the events it reads: JFR settings written by this class into a
 * .jfc file of their own (JFR's own {@code default} and {@code profile} settings record a hundred other events, and
 * locks only above 10 or 20 ms).
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
     * Method sampling at the periods of JFR's own "profile" settings: every 10 ms a thread running Java
     * code is sampled (at most a few threads per period), every 20 ms one thread in native code. Stacks up
     * to 128 frames deep: the SDK's are deep, and the top is what is classified.
     */
    CPU(
            128,
            Map.of(
                    "jdk.ExecutionSample", settings("enabled", "true", "period", "10 ms"),
                    "jdk.NativeMethodSample", settings("enabled", "true", "period", "20 ms")));

    /** The sampling period of jdk.ExecutionSample, as set above. */
    public static final int JAVA_SAMPLE_PERIOD_MS = 10;

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
