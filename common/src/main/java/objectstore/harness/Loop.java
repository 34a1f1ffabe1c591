package objectstore.harness;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The loop that drives a phase's operations. A phase's name in the results is built from its kind and its loop
 * ({@code put_object (window)}), and the results JSON names both ({@code "kind"}, {@code "loop"}), so that what reads
 * the results asks the type, never the name.
 */
public enum Loop {
    /**
     * The chapter's own loop, named by the kind alone ({@code put_object}): 01's plain loop, 02's pool, 03's futures.
     */
    OWN(""),
    /** An async call awaited before the next starts: one in flight (chapters 04 and 05). */
    AWAIT_EACH("await each"),
    /** A task submitted to a pool and waited for before the next is submitted (chapter 02's original GET loop). */
    WAIT_AFTER_EACH_SUBMIT("wait after each submit"),
    /** The same blocking calls in a plain loop on the calling thread, no pool (chapter 02). */
    PLAIN_LOOP("plain loop"),
    /** Every task submitted to a pool whose client has N connections, then waited for (chapter 02's original). */
    CONNECTIONS("connections", "%,d connections"),
    /** Every blocking call submitted to an executor, then waited for (chapter 03, beside its futures). */
    PLAIN_EXECUTOR("plain executor"),
    /** Batches of --concurrency started together, each awaited whole before the next starts. */
    BATCHES("batches"),
    /** A sliding window: --concurrency in flight, the next started as soon as one completes. */
    WINDOW("window"),
    /** A window dealing its commands over N connections in turn (chapter 07's --connections). */
    WINDOW_CONNECTIONS("window over connections", "window, %,d connections"),
    /** Batches on a connection that writes only when told to: one flush per batch (chapter 07). */
    BATCHES_MANUAL_FLUSH("batches, manual flush"),
    /** A window on a connection that writes only when told to: a flush every quarter window (chapter 07). */
    WINDOW_MANUAL_FLUSH("window, manual flush"),
    /** Batches of commands sent before any reply is read, one thread (chapter 06's --pipeline). */
    PIPELINED("pipelined"),
    /** Requests arriving at a fixed rate, N a second, whether or not earlier ones were answered ({@code --rate}). */
    OPEN_LOOP("open loop", "open loop, %,d/s"),
    /**
     * One large object moved between a file and the store at a time, by one client (chapter 09); the phase's name is
     * the client's, e.g. {@code put_object (sdk, multipart)}.
     */
    FILE_TRANSFER("a file at a time"),
    /** A soak's steady mix of PUT, GET, LIST and DELETE for {@code --duration} seconds. */
    MIX("put/get/list/delete");

    private final String words;
    private final String withCount;

    Loop(String words) {
        this(words, null);
    }

    Loop(String words, String withCount) {
        this.words = words;
        this.withCount = withCount;
    }

    /** What the loop is called, as a phase's name shows it ({@code window}); the empty string for {@link #OWN}. */
    public String words() {
        return words;
    }

    /** True for a loop whose name carries a number: {@link #CONNECTIONS} and {@link #OPEN_LOOP}. */
    public boolean counted() {
        return withCount != null;
    }

    /** The name of a phase of {@code kind} in this loop; {@code count} is the number a counted loop's name carries. */
    String op(Phase.Kind kind, long count) {
        String variant = counted() ? String.format(Locale.ROOT, withCount, count) : words;
        return variant.isEmpty() ? kind.op() : kind.op() + " (" + variant + ")";
    }

    /**
     * The headline rule: the phase that speaks for a run's {@code kind} (its rate in tables, charts and the overall
     * figure) is the chapter's own loop, else its window, else its first phase of that kind. Empty when the run has no
     * phase of that kind.
     */
    public static <P> Optional<P> headline(
            List<P> phases, Phase.Kind kind, Function<P, Phase.Kind> kindOf, Function<P, Loop> loopOf) {
        P window = null;
        P first = null;
        for (P phase : phases) {
            if (kindOf.apply(phase) != kind) {
                continue;
            }
            Loop loop = loopOf.apply(phase);
            if (loop == OWN) {
                return Optional.of(phase);
            }
            if (window == null && loop == WINDOW) {
                window = phase;
            }
            if (first == null) {
                first = phase;
            }
        }
        return Optional.ofNullable(window != null ? window : first);
    }

    /** The name the results JSON gives this loop: {@code window}, {@code await_each}, {@code own}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loop the results JSON names; an unknown name is refused with the list of known ones. */
    @JsonCreator
    public static Loop fromJson(String name) {
        for (Loop loop : values()) {
            if (loop.json().equals(name)) {
                return loop;
            }
        }
        throw new IllegalArgumentException("no loop named '" + name + "'; the loops are "
                + String.join(", ", Arrays.stream(values()).map(Loop::json).toList()));
    }
}
