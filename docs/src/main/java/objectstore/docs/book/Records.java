package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a view finds a value in a record, and prints it. A reference is {@code RECORD:PATH}, the record counted from 1 in
 * the order the part's {@code from:} line names them: {@code 2:phase[get_object (window)].itemsPerSecond}.
 */
final class Records {

    private Records() {}

    /** A reference to one value: which record, and the path inside it. */
    record Ref(int record, String path) {

        /** "2:phase[get_object (window)].itemsPerSecond" to record 2 and that path. */
        static Ref parse(String reference) {
            String text = reference.strip();
            int colon = text.indexOf(':');
            if (colon < 1 || !text.substring(0, colon).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(
                        "a reference is RECORD:PATH, e.g. 1:phase[put_object].itemsPerSecond, not " + text);
            }
            return new Ref(Integer.parseInt(text.substring(0, colon)), text.substring(colon + 1));
        }

        /** The phase this reference starts in ({@code phase[OP]...}), or null when it names no phase. */
        String phase() {
            if (!path.startsWith("phase[")) {
                return null;
            }
            int close = path.indexOf(']');
            return close < 0 ? null : path.substring("phase[".length(), close);
        }

        /** The last step of the path: the field, e.g. {@code itemsPerSecond}. */
        String field() {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        JsonNode record(List<JsonNode> records) {
            if (record < 1 || record > records.size()) {
                throw new IllegalArgumentException(
                        "record " + record + " is not among the " + records.size() + " this part names");
            }
            return records.get(record - 1);
        }

        /** The value, which must exist. */
        JsonNode value(List<JsonNode> records) {
            JsonNode value = at(record(records), path);
            if (value.isMissingNode() || value.isNull()) {
                throw new IllegalArgumentException("record " + record + " has no " + path);
            }
            return value;
        }

        double number(List<JsonNode> records) {
            JsonNode value = value(records);
            if (!value.isNumber()) {
                throw new IllegalArgumentException(this + " is not a number in its record");
            }
            return value.asDouble();
        }

        @Override
        public String toString() {
            return record + ":" + path;
        }
    }

    /**
     * A dotted path; {@code phase[OP]} picks the phase of that name, a number an array's element, {@code .} the record
     * itself.
     */
    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : steps(path)) {
            if (step.startsWith("phase[")) {
                current = phase(current, step.substring("phase[".length(), step.length() - 1));
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

    /** The phase named {@code op} in a run, or one clear line saying it has none. */
    static JsonNode phase(JsonNode run, String op) {
        JsonNode found = null;
        for (JsonNode p : run.path("phases")) {
            if (p.path("op").asText().equals(op)) {
                found = p;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(
                    "no phase " + op + " in " + run.path("experiment").asText("the record"));
        }
        return found;
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
            return Views.DASH;
        }
        if (!value.isNumber()) {
            return value.asText();
        }
        String field = path.substring(path.lastIndexOf('.') + 1);
        double v = value.asDouble();
        if (field.endsWith("Percent") || field.equals("percent")) {
            return String.format(java.util.Locale.ROOT, "%.0f%%", v);
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
            return Views.fixed(v, 2);
        }
        if (field.endsWith("Ratio") || field.equals("ratio")) {
            return Views.times(v);
        }
        return value.isIntegralNumber() || Math.abs(v) >= 100
                ? Views.whole(v)
                : Views.fixed(v, Math.abs(v) >= 10 ? 1 : 2);
    }
}
