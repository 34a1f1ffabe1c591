package objectstore.bench.merge;

import java.util.List;

/**
 * What a merged results JSON adds to the run's fields, as its {@code merge} object: which hosts, how the rate was
 * computed, when the hosts ran each phase and how long all of them ran it at once, and the warnings the merge gave.
 * docs/results-json.md describes each field.
 *
 * @param hosts how many results were merged
 * @param rate the rule by which {@code itemsPerSecond} was computed, in words
 * @param clockSkewAllowanceMs how far the hosts' clocks may disagree ({@code --clock-skew-ms}): an overlap no longer
 *     than this may not be real
 * @param inputs each host's result: where it came from and what it said about itself
 * @param phases per phase, each host's window, the window they all share and the span from first start to last end
 * @param warnings every warning the merge printed; empty when none
 */
public record MergeRecord(
        int hosts,
        String rate,
        long clockSkewAllowanceMs,
        List<Input> inputs,
        List<PhaseWindows> phases,
        List<String> warnings) {

    /** One host's result: its name (the file's, without .json), the file, and what the run said about its machine. */
    public record Input(
            String host,
            String file,
            String date,
            String client,
            String endpoint,
            int cores,
            String jvm,
            boolean passed) {}

    /**
     * One phase's timing across the hosts.
     *
     * @param shared from the latest start to the earliest end: while every host was running the phase; 0 s when they
     *     never all were
     * @param span from the earliest start to the latest end
     * @param overlapPercent the shared window over the longest host window, in percent: the least share of any host's
     *     phase that ran while all were running
     * @param hosts each host's window and rate
     */
    public record PhaseWindows(String op, Window shared, Window span, double overlapPercent, List<HostPhase> hosts) {}

    /** A stretch of wall-clock time (UTC, milliseconds) and its length in seconds. */
    public record Window(String from, String to, double seconds) {}

    /** One host's phase: its window and its median round's rate. */
    public record HostPhase(String host, String startedAt, String endedAt, double itemsPerSecond) {}
}
