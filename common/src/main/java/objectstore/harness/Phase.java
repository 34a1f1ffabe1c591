package objectstore.harness;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One measured phase of an experiment: what it does with the objects (its {@link Kind}), the {@link Loop} that does it,
 * and the loop's code. Its name in the results is built from the two types, {@code Phase.put(Loop.WINDOW, body)} is
 * {@code put_object (window)}, so a name always matches its kind and its loop.
 */
public final class Phase {

    /** What a phase does with its objects. */
    public enum Kind {
        /** Puts new objects. */
        PUT("put_object"),
        /** Gets the objects the latest PUT phase of the round put, and checks them. */
        GET("get_object"),
        /** Puts new objects, each task getting its object back right after putting it. */
        PUT_THEN_GET("put_then_get"),
        /** A soak's one phase: PUT, GET, LIST and DELETE mixed for {@code --duration} seconds (see {@link Soak}). */
        SOAK("soak");

        private final String op;

        Kind(String op) {
            this.op = op;
        }

        /** The name of this kind's phases in the results, before any loop: {@code put_object}. */
        public String op() {
            return op;
        }

        /** The name the results JSON gives this kind: {@code put}, {@code get}, {@code put_then_get}, {@code soak}. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind the results JSON names; an unknown name is refused. */
        @JsonCreator
        public static Kind fromJson(String name) {
            for (Kind kind : values()) {
                if (kind.json().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "no phase kind named '" + name + "'; the kinds are put, get, put_then_get, soak");
        }
    }

    /** The loop that matters: it must return only when every operation it started has been recorded. */
    @FunctionalInterface
    public interface Body {
        void run(List<TestObject> objects, Recorder recorder) throws Exception;
    }

    private final Kind kind;
    private final Loop loop;
    private final String op;
    private final Body body;

    private Phase(Kind kind, Loop loop, long count, Body body) {
        if (loop.counted() != (count > 0)) {
            throw new IllegalArgumentException(
                    loop.counted()
                            ? "a " + loop + " loop's name carries its number: give it, e.g. Phase.put(Loop." + loop
                                    + ", 10, body)"
                            : "a " + loop + " loop carries no number; drop it");
        }
        this.kind = kind;
        this.loop = loop;
        this.op = loop.op(kind, count);
        this.body = body;
    }

    /** Puts new objects in {@code loop}. */
    public static Phase put(Loop loop, Body body) {
        return new Phase(Kind.PUT, loop, 0, body);
    }

    /** Puts new objects in a loop whose name carries a number: {@code put_object (10 connections)}. */
    public static Phase put(Loop loop, long count, Body body) {
        return new Phase(Kind.PUT, loop, count, body);
    }

    /** Gets and checks what the latest PUT phase put, in {@code loop}. */
    public static Phase get(Loop loop, Body body) {
        return new Phase(Kind.GET, loop, 0, body);
    }

    /** Gets in a loop whose name carries a number: {@code get_object (open loop, 1,000/s)}. */
    public static Phase get(Loop loop, long count, Body body) {
        return new Phase(Kind.GET, loop, count, body);
    }

    /** Puts new objects and gets each back right after, in {@code loop}. */
    public static Phase putThenGet(Loop loop, Body body) {
        return new Phase(Kind.PUT_THEN_GET, loop, 0, body);
    }

    /** Its name in the results: {@code put_object}, {@code get_object (window)}. */
    public String op() {
        return op;
    }

    public Kind kind() {
        return kind;
    }

    public Loop loop() {
        return loop;
    }

    public Body body() {
        return body;
    }

    @Override
    public String toString() {
        return op;
    }
}
