package objectstore.bench.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** When the hosts ran a phase: the window they shared, and the warnings that make the summed rate doubtful. */
final class SharedWindow {

    private SharedWindow() {}

    /*
     * The shared window runs from the latest start to the earliest end: the time in which every host was
     * running the phase. Only there is the sum of the hosts' rates a rate the store served to all of them
     * at once. Three things make that doubtful, each a warning: the windows do not overlap at all (the
     * hosts ran one after another: each had the store to itself); they overlap by no more than the
     * clocks may disagree (the overlap may be an artefact of the clocks); or every host was running for
     * less than half of some host's phase (most of its operations met fewer competitors than the sum
     * assumes).
     */
    static MergeRecord.PhaseWindows of(List<Named> parts, long clockSkewAllowanceMs, List<String> warnings) {
        String op = parts.getFirst().phase().op();
        Named latestStart =
                parts.stream().max((x, y) -> x.start().compareTo(y.start())).orElseThrow();
        Named earliestEnd =
                parts.stream().min((x, y) -> x.end().compareTo(y.end())).orElseThrow();
        Named longest = parts.stream()
                .max((x, y) -> Duration.between(x.start(), x.end()).compareTo(Duration.between(y.start(), y.end())))
                .orElseThrow();
        Instant spanFrom =
                parts.stream().map(Named::start).min(Instant::compareTo).orElseThrow();
        Instant spanTo = parts.stream().map(Named::end).max(Instant::compareTo).orElseThrow();

        // tag::shared-window[]
        long sharedMs = Duration.between(latestStart.start(), earliestEnd.end()).toMillis();
        long longestMs = Duration.between(longest.start(), longest.end()).toMillis();
        double overlapPercent = sharedMs <= 0 || longestMs <= 0 ? 0 : RunMerger.round2(100.0 * sharedMs / longestMs);
        // end::shared-window[]

        if (sharedMs <= 0) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: the hosts' windows do not overlap: %s started %.3f s after %s ended; they did not run "
                            + "at the same time, and the summed rate is not one the store served",
                    op,
                    latestStart.host(),
                    -sharedMs / 1000.0,
                    earliestEnd.host()));
        } else if (sharedMs <= clockSkewAllowanceMs) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: all hosts ran together for only %d ms by their clocks, no more than the %d ms the clocks "
                            + "may disagree by (--clock-skew-ms): the overlap may not be real",
                    op,
                    sharedMs,
                    clockSkewAllowanceMs));
        } else if (overlapPercent < RunMerger.LOW_OVERLAP_PERCENT) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: all hosts ran together for only %.0f%% of %s's phase (%.3f of %.3f s): the summed rate "
                            + "overstates what the store served to all of them at once",
                    op,
                    overlapPercent,
                    longest.host(),
                    sharedMs / 1000.0,
                    longestMs / 1000.0));
        }

        Instant sharedFrom = latestStart.start();
        Instant sharedTo = sharedMs > 0 ? earliestEnd.end() : sharedFrom;
        return new MergeRecord.PhaseWindows(
                op,
                window(sharedFrom, sharedTo),
                window(spanFrom, spanTo),
                overlapPercent,
                parts.stream()
                        .map(p -> new MergeRecord.HostPhase(
                                p.host(),
                                p.phase().startedAt(),
                                p.phase().endedAt(),
                                p.phase().itemsPerSecond()))
                        .toList());
    }

    private static MergeRecord.Window window(Instant from, Instant to) {
        return new MergeRecord.Window(
                RunMerger.millis(from),
                RunMerger.millis(to),
                Duration.between(from, to).toMillis() / 1000.0);
    }
}
