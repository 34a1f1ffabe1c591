package objectstore.bench.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import objectstore.harness.PhaseResult;

/**
 * Each phase's wall-clock window, from the results JSON: an event belongs to a phase when its start time falls inside
 * it.
 *
 * <p>The harness writes {@code startedAt} (the first counted round's start) and {@code endedAt} (the last counted
 * round's end) truncated to the millisecond, so a window runs from {@code startedAt} to the end of {@code endedAt}'s
 * millisecond. With one round, a window holds exactly that phase's counted work. With more, it runs from the phase's
 * first round to its last and so also holds the other phases' rounds in between (and the uncounted emptying of the
 * bucket): the windows overlap, and an event in several of them counts in each.
 */
public final class PhaseWindows {

    /** One phase's window: {@code [start, end)}. */
    public record Window(String op, Instant start, Instant end) {

        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }

        public double millis() {
            return Duration.between(start, end).toNanos() / 1e6;
        }
    }

    private final List<Window> windows;

    public PhaseWindows(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    /** The windows of a run's phases, in the order they ran. */
    public static PhaseWindows of(List<PhaseResult> phases) {
        List<Window> windows = new ArrayList<>();
        for (PhaseResult phase : phases) {
            if (phase.startedAt() == null || phase.endedAt() == null) {
                throw new IllegalArgumentException(
                        "phase " + phase.op() + " has no startedAt/endedAt: results JSON from an older harness?");
            }
            windows.add(window(phase.op(), phase.startedAt(), phase.endedAt()));
        }
        return new PhaseWindows(windows);
    }

    /** A phase's window from the results JSON's startedAt and endedAt: to the end of endedAt's millisecond. */
    static Window window(String op, String startedAt, String endedAt) {
        Instant start = Instant.parse(startedAt);
        Instant end = Instant.parse(endedAt).truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        return new Window(op, start, end);
    }

    public List<Window> windows() {
        return windows;
    }

    /**
     * The indexes of the windows that hold {@code t}: none (outside every phase), one, or with several rounds maybe
     * more.
     */
    public List<Integer> at(Instant t) {
        List<Integer> in = new ArrayList<>(1);
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).contains(t)) {
                in.add(i);
            }
        }
        return in;
    }

    /** True when some windows overlap. */
    public boolean overlap() {
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                Window a = windows.get(i);
                Window b = windows.get(j);
                if (a.start().isBefore(b.end()) && b.start().isBefore(a.end())) {
                    return true;
                }
            }
        }
        return false;
    }
}
