package objectstore.harness;

import java.util.List;

/**
 * One measured phase of an experiment: its name in the results ({@code put_object}, {@code get_object},
 * {@code put_then_get}, optionally with a variant, e.g. {@code get_object (naive)}), what it does with the objects, and
 * the loop that does it.
 */
public record Phase(String op, Kind kind, Body body) {

    /** What a phase does with its objects. */
    public enum Kind {
        /** Puts new objects. */
        PUT,
        /** Gets the objects the latest PUT phase of the round put, and checks them. */
        GET,
        /** Puts new objects, each task getting its object back right after putting it. */
        PUT_THEN_GET
    }

    /** The loop that matters: it must return only when every operation it started has been recorded. */
    @FunctionalInterface
    public interface Body {
        void run(List<TestObject> objects, Recorder recorder) throws Exception;
    }

    public Phase {
        String expected = switch (kind) {
            case PUT -> "put_object";
            case GET -> "get_object";
            case PUT_THEN_GET -> "put_then_get";
        };
        if (!op.startsWith(expected)) {
            throw new IllegalArgumentException("a " + kind + " phase is named " + expected + "..., not " + op);
        }
    }

    public static Phase put(String op, Body body) {
        return new Phase(op, Kind.PUT, body);
    }

    public static Phase get(String op, Body body) {
        return new Phase(op, Kind.GET, body);
    }

    public static Phase putThenGet(String op, Body body) {
        return new Phase(op, Kind.PUT_THEN_GET, body);
    }
}
