package objectstore.bench.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up lock events per phase: contended monitor entries (jdk.JavaMonitorEnter) and parks (jdk.ThreadPark), each by
 * the class waited on.
 */
final class LockProfile {

    /** How many classes a phase lists, longest waited on first. */
    static final int TOP = 5;

    /*
     * The JDK's own park and lock machinery: a wait is reported at the first frame past it, e.g.
     * LinkedBlockingQueue.take (a worker waiting for a task) or CompletableFuture$Signaller.block (a get()).
     */
    private static final FrameGlob MACHINERY = new FrameGlob(List.of(
            "jdk.internal.*",
            "java.util.concurrent.locks.*",
            "java.util.concurrent.ForkJoinPool.*managedBlock",
            "java.lang.VirtualThread.*",
            "java.lang.System$*",
            "java.lang.Object.wait*"));

    private final PhaseWindows windows;
    private final Tally[] monitors;
    private final Tally[] parks;

    LockProfile(PhaseWindows windows) {
        this.windows = windows;
        int slots = windows.windows().size() + 1; // the last one: outside every phase
        monitors = new Tally[slots];
        parks = new Tally[slots];
        for (int i = 0; i < slots; i++) {
            monitors[i] = new Tally();
            parks[i] = new Tally();
        }
    }

    void monitorEnter(Instant start, Duration duration, String monitorClass, List<String> frames) {
        add(monitors, start, duration, monitorClass == null ? "(unknown class)" : monitorClass, frames);
    }

    void park(Instant start, Duration duration, String blockerClass, List<String> frames) {
        add(parks, start, duration, blockerClass == null ? "(no blocker)" : blockerClass, frames);
    }

    /*
     * A wait counts in the window its start falls in, with its time up to the window's end: a pool thread
     * that parks near a phase's end and sleeps through the next phase adds only the rest of this one.
     * Outside every phase, the whole wait counts.
     */
    private void add(Tally[] tallies, Instant start, Duration duration, String waitedOn, List<String> frames) {
        List<Integer> in = windows.at(start);
        String where = where(frames);
        if (in.isEmpty()) {
            tallies[tallies.length - 1].add(waitedOn, duration.toNanos(), where);
        }
        for (int i : in) {
            long untilEnd =
                    Duration.between(start, windows.windows().get(i).end()).toNanos();
            tallies[i].add(waitedOn, Math.min(duration.toNanos(), untilEnd), where);
        }
    }

    /** Phase {@code i}'s figures; {@code operations} is its items times its rounds. */
    ProfileRecord.Locks phase(int i, long operations) {
        double windowMs = windows.windows().get(i).millis();
        return new ProfileRecord.Locks(monitors[i].waits(operations, windowMs), parks[i].waits(operations, windowMs));
    }

    /** The events outside every phase. */
    ProfileRecord.Locks outside() {
        int last = monitors.length - 1;
        return new ProfileRecord.Locks(monitors[last].waits(0, 0), parks[last].waits(0, 0));
    }

    /** "at <- calledFrom": the frame that waited, and the first frame outside the JDK below it. */
    static String where(List<String> frames) {
        if (frames.isEmpty()) {
            return "(no stack)";
        }
        int at = 0;
        while (at < frames.size() - 1 && MACHINERY.matches(frames.get(at))) {
            at++;
        }
        for (int i = at; i < frames.size(); i++) {
            if (!CpuCategories.JDK_FRAMES.matches(frames.get(i))) {
                return i == at ? frames.get(at) : frames.get(at) + " <- " + frames.get(i);
            }
        }
        return frames.get(at);
    }

    /** Events of one kind in one slot. */
    private static final class Tally {
        long count;
        long nanos;
        final Map<String, Waited> byClass = new HashMap<>();

        void add(String waitedOn, long durationNanos, String where) {
            count++;
            nanos += durationNanos;
            Waited w = byClass.computeIfAbsent(waitedOn, k -> new Waited());
            w.count++;
            w.nanos += durationNanos;
            w.byWhere.merge(where, durationNanos, Long::sum);
        }

        ProfileRecord.Waits waits(long operations, double windowMs) {
            List<ProfileRecord.Top> top = byClass.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, Waited> e) -> e.getValue().nanos)
                            .reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(TOP)
                    .map(e -> e.getValue().top(e.getKey()))
                    .toList();
            return new ProfileRecord.Waits(
                    count,
                    round2(nanos / 1e6),
                    operations > 0 ? round4((double) count / operations) : null,
                    windowMs > 0 ? round2(nanos / 1e6 / windowMs) : null,
                    top);
        }
    }

    /** One class waited on: its events, and its time by where the waiting was. */
    private static final class Waited {
        long count;
        long nanos;
        final Map<String, Long> byWhere = new HashMap<>();

        ProfileRecord.Top top(String waitedOn) {
            Map.Entry<String, Long> most = byWhere.entrySet().stream()
                    .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow();
            String[] parts = most.getKey().split(" <- ", 2);
            double share = nanos > 0 ? (double) most.getValue() / nanos : 1.0 / byWhere.size();
            return new ProfileRecord.Top(
                    waitedOn, count, round2(nanos / 1e6), parts[0], parts.length > 1 ? parts[1] : null, round2(share));
        }
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
