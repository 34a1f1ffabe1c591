package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.docs.book.LikeWithLike.Setting;
import objectstore.docs.book.Records.Ref;

/**
 * The {@code text} view: a sentence whose figures come from the records. In the template,
 *
 * <ul>
 *   <li>{@code {REF}} is a value, e.g. {@code {2:phase[get_object (window)].itemsPerSecond}};
 *   <li>{@code {REF / REF}} a ratio ({@code 1.48×}) and {@code {REF % REF}} a percentage, each of two figures measured
 *       alike ({@link LikeWithLike}): the part names what differs with a leading {@code varies=client,loop};
 *   <li>{@code {range REF}} a rate's slowest and fastest round ({@code 8,812–12,084}), REF a phase's
 *       {@code itemsPerSecond};
 *   <li>{@code {spread REF / REF}} how far the ratio of two rates can move within their rounds: the slowest round of
 *       one over the fastest of the other, to the other way round ({@code 1.13–1.77×});
 *   <li>{@code {compare REF / REF ? ABOVE | ALIKE | BELOW}} words chosen by the ratio, so that a verdict's direction
 *       comes from the record too: ABOVE when the ratio is above 1 (for two rates, when even the spread is), BELOW when
 *       it is below, ALIKE when the rounds' spread holds 1;
 *   <li>{@code \n} a new line, for a list of sentences.
 * </ul>
 */
final class Sentences {

    private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)\\}");
    private static final Pattern VARIES = Pattern.compile("^\\s*varies=(\\S+)\\s+");

    private Sentences() {}

    static String text(String args, List<JsonNode> records) {
        Matcher leading = VARIES.matcher(args);
        boolean named = leading.find();
        Set<Setting> varies = LikeWithLike.varies(named ? leading.group(1) : "");
        String template = named ? args.substring(leading.end()) : args;
        Set<Setting> used = EnumSet.noneOf(Setting.class);
        Matcher field = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (field.find()) {
            String value = expression(field.group(1).strip(), records, varies, used);
            field.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        field.appendTail(out);
        LikeWithLike.allUsed(varies, used, "this text");
        return out.toString().replace("\\n", "\n") + busy(records);
    }

    private static String expression(String e, List<JsonNode> records, Set<Setting> varies, Set<Setting> used) {
        if (e.startsWith("range ")) {
            Ref rate = rate(e.substring("range ".length()), e);
            JsonNode phase = Records.at(
                    rate.record(records), rate.path().substring(0, rate.path().lastIndexOf('.')));
            return Views.whole(phase.path("itemsPerSecondMin").asDouble()) + "–"
                    + Views.whole(phase.path("itemsPerSecondMax").asDouble());
        }
        if (e.startsWith("compare ")) {
            String[] parts = e.substring("compare ".length()).split(" \\? ", 2);
            String[] sides = parts[0].split(" / ");
            String[] words = parts.length == 2 ? parts[1].split(" \\| ", -1) : new String[0];
            if (sides.length != 2 || words.length != 3) {
                throw new IllegalArgumentException(
                        "{" + e + "}: a comparison is {compare REF / REF ? ABOVE | ALIKE | BELOW}");
            }
            Ref top = Ref.parse(sides[0]);
            Ref bottom = Ref.parse(sides[1]);
            used.addAll(compared("{" + e + "}", top, bottom, records, varies));
            double low;
            double high;
            if (top.field().equals("itemsPerSecond") && bottom.field().equals("itemsPerSecond")) {
                double[] a = minMax(rate(sides[0], e), records);
                double[] b = minMax(rate(sides[1], e), records);
                low = a[0] / b[1];
                high = a[1] / b[0];
            } else {
                low = high = top.number(records) / bottom.number(records);
            }
            return (low > 1 ? words[0] : high < 1 ? words[2] : words[1]).strip();
        }
        if (e.startsWith("spread ")) {
            String[] sides = e.substring("spread ".length()).split(" / ");
            if (sides.length != 2) {
                throw new IllegalArgumentException("{" + e + "}: a spread is {spread RATE / RATE}");
            }
            Ref top = rate(sides[0], e);
            Ref bottom = rate(sides[1], e);
            used.addAll(compared("{" + e + "}", top, bottom, records, varies));
            double[] a = minMax(top, records);
            double[] b = minMax(bottom, records);
            return String.format(Locale.ROOT, "%.2f–%.2f×", a[0] / b[1], a[1] / b[0]);
        }
        for (String op : new String[] {" / ", " % "}) {
            int at = e.indexOf(op);
            if (at > 0) {
                Ref top = Ref.parse(e.substring(0, at));
                Ref bottom = Ref.parse(e.substring(at + op.length()));
                used.addAll(compared("{" + e + "}", top, bottom, records, varies));
                double ratio = top.number(records) / bottom.number(records);
                return op.equals(" / ") ? Views.times(ratio) : String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
            }
        }
        Ref ref = Ref.parse(e);
        return Records.format(ref.path(), ref.value(records));
    }

    /**
     * What two figures set side by side vary: for two phases, their settings ({@link LikeWithLike#check}); for figures
     * of one record that are no phase's (a ceiling's tool and client), nothing; for two such records, their servers.
     */
    static Set<Setting> compared(String what, Ref top, Ref bottom, List<JsonNode> records, Set<Setting> varies) {
        JsonNode a = top.record(records);
        JsonNode b = bottom.record(records);
        if (top.phase() != null && bottom.phase() != null) {
            return LikeWithLike.check(
                    what + " (" + top.phase() + " of " + name(a) + " over " + bottom.phase() + " of " + name(b) + ")",
                    LikeWithLike.of(a, Records.phase(a, top.phase())),
                    LikeWithLike.of(b, Records.phase(b, bottom.phase())),
                    varies);
        }
        if (top.phase() != null || bottom.phase() != null) {
            throw new IllegalArgumentException(what + " divides a phase's figure by one that is no phase's: nothing"
                    + " says they were measured alike; divide phase by phase");
        }
        if (top.record() == bottom.record()) {
            return EnumSet.noneOf(Setting.class);
        }
        Map<Setting, String> x = Map.of(Setting.STORE, Views.store(a.path("store")));
        Map<Setting, String> y = Map.of(Setting.STORE, Views.store(b.path("store")));
        if (!x.equals(y) && !varies.contains(Setting.STORE) && !varies.contains(Setting.BACKEND)) {
            throw new IllegalArgumentException(what + " divides unlike by unlike: " + x.get(Setting.STORE)
                    + " against " + y.get(Setting.STORE) + "; compare one server's figures, or name it with"
                    + " varies=store");
        }
        return x.equals(y) ? EnumSet.noneOf(Setting.class) : EnumSet.of(Setting.STORE, Setting.BACKEND);
    }

    private static Ref rate(String reference, String e) {
        Ref ref = Ref.parse(reference);
        if (ref.phase() == null || !ref.field().equals("itemsPerSecond")) {
            throw new IllegalArgumentException(
                    "{" + e + "}: a range or a spread is of a phase's rate, RECORD:phase[OP].itemsPerSecond");
        }
        return ref;
    }

    private static double[] minMax(Ref rate, List<JsonNode> records) {
        JsonNode phase = Records.phase(rate.record(records), rate.phase());
        return new double[] {
            phase.path("itemsPerSecondMin").asDouble(),
            phase.path("itemsPerSecondMax").asDouble()
        };
    }

    /** A word on every run the part quotes that was measured on a busy machine: its figures are not to be trusted. */
    private static String busy(List<JsonNode> records) {
        StringBuilder note = new StringBuilder();
        for (JsonNode run : records) {
            JsonNode machine = run.path("machine");
            if (machine.path("busy").asBoolean()) {
                note.append(String.format(
                        Locale.ROOT,
                        " (%s was measured on a busy machine, other processes using %.2f cores: measure it again"
                                + " before believing it.)",
                        run.path("experiment").asText("a run"),
                        machine.path("otherCpuCores").asDouble()));
            }
        }
        return note.toString();
    }

    /** A run as the messages name it: its experiment and when it was measured. */
    static String name(JsonNode run) {
        return run.path("experiment").asText("a record") + " of "
                + run.path("date").asText().replace('T', ' ').replace("Z", " UTC");
    }
}
