package objectstore.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The measured figures of one phase over all counted rounds (docs/results-json.md describes each field). Rates are the
 * median round's, with the slowest and fastest beside them; latencies come from every operation of every round.
 *
 * @param op the phase's name, e.g. {@code put_object (window)}: its kind, and its loop in brackets unless the loop is
 *     the chapter's own
 * @param kind what the phase did: put, get, put_then_get (or soak)
 * @param loop the loop that did it: the type behind the name's brackets
 * @param items objects per round (the run's --iterations)
 * @param errors failed or mismatched operations, summed over the rounds
 * @param verified the fewest verified operations in any round: equal to items only when every round verified every
 *     object
 * @param spreadPercent the rounds' rates, (fastest - slowest) / median, in percent
 * @param steady spreadPercent within {@link Harness#STEADY_SPREAD_PERCENT}; a phase that is not is marked unsteady
 * @param serviceLatencyMs open loop only: each operation's time from its actual start (latencyMs runs from its intended
 *     start)
 * @param offeredPerSecond open loop only: the arrival rate asked for (--rate)
 * @param cpuMicrosPerOp this process's CPU time per operation (median round)
 * @param allocatedBytesPerOp bytes this process allocated on the heap per operation (median round), every thread
 * @param cores cores kept busy during the phase: by this process, by the store (when this run started it) and by the
 *     rest of the machine
 * @param limitedBy what held the rate back, by the rule in docs/results-json.md: client, store, or round trips
 * @param retries requests the client sent again after a failed attempt, summed over the rounds (0 for clients that do
 *     not count them)
 * @param connectionsOpened connections the client opened during the phase, summed over the rounds; absent for clients
 *     that do not count them
 * @param startedAt wall clock when the phase's first counted round started (UTC, ms)
 * @param endedAt wall clock when its last counted round ended
 * @param latencyHistogram every latency in microseconds, as HdrHistogram's compressed encoding in base64, so results
 *     can be merged exactly
 * @param bytesPerSecond large objects only (chapter 09), as the rest below: the median round's bytes moved per second
 * @param gbitsPerSecond the same in gigabits (10^9 bits) per second, to set beside a network's speed
 * @param cpuSecondsPerGiB this process's CPU seconds per GiB moved (median round), every thread, native ones included
 * @param allocatedBytesPerGiB bytes this process allocated on the heap per GiB moved (median round)
 * @param peakMemoryBytes the most resident memory (heap, direct and native together) the process held during the
 *     phase's rounds, over what it held before its client was opened ({@link Transfer#memory} says how it was read)
 * @param firstByteMs GET only: from the call to the first byte in the destination file, percentiles over every object
 * @param transfer what the client did with each object: its size, parts, parallelism, checksum, and what was checked
 */
public record PhaseResult(
        String op,
        Phase.Kind kind,
        Loop loop,
        int items,
        int rounds,
        long errors,
        long verified,
        double itemsPerSecond,
        double itemsPerSecondMin,
        double itemsPerSecondMax,
        double spreadPercent,
        boolean steady,
        double mibPerSecond,
        double seconds,
        Latency latencyMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Latency serviceLatencyMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double offeredPerSecond,
        double cpuMicrosPerOp,
        double allocatedBytesPerOp,
        Cores cores,
        String limitedBy,
        List<Double> roundItemsPerSecond,
        List<String> failures,
        long retries,
        String startedAt,
        String endedAt,
        String latencyHistogram,
        @JsonInclude(JsonInclude.Include.NON_NULL) String serviceLatencyHistogram,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long connectionsOpened,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double bytesPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double gbitsPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cpuSecondsPerGiB,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double allocatedBytesPerGiB,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long peakMemoryBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Latency firstByteMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Transfer transfer) {

    /** A phase of objects held in memory: no large-object figures; {@code connectionsOpened} null where not counted. */
    public PhaseResult(
            String op,
            Phase.Kind kind,
            Loop loop,
            int items,
            int rounds,
            long errors,
            long verified,
            double itemsPerSecond,
            double itemsPerSecondMin,
            double itemsPerSecondMax,
            double spreadPercent,
            boolean steady,
            double mibPerSecond,
            double seconds,
            Latency latencyMs,
            Latency serviceLatencyMs,
            Double offeredPerSecond,
            double cpuMicrosPerOp,
            double allocatedBytesPerOp,
            Cores cores,
            String limitedBy,
            List<Double> roundItemsPerSecond,
            List<String> failures,
            long retries,
            String startedAt,
            String endedAt,
            String latencyHistogram,
            String serviceLatencyHistogram,
            Long connectionsOpened) {
        this(
                op,
                kind,
                loop,
                items,
                rounds,
                errors,
                verified,
                itemsPerSecond,
                itemsPerSecondMin,
                itemsPerSecondMax,
                spreadPercent,
                steady,
                mibPerSecond,
                seconds,
                latencyMs,
                serviceLatencyMs,
                offeredPerSecond,
                cpuMicrosPerOp,
                allocatedBytesPerOp,
                cores,
                limitedBy,
                roundItemsPerSecond,
                failures,
                retries,
                startedAt,
                endedAt,
                latencyHistogram,
                serviceLatencyHistogram,
                connectionsOpened,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max) {

        /** The percentiles of a histogram of microseconds. */
        public static Latency of(Histogram micros) {
            return new Latency(
                    ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)),
                    ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros) / 1000.0;
        }
    }

    /**
     * Cores kept busy during the phase (1.0: one core the whole time). {@code store} is null when this run did not
     * start the store (its processes are elsewhere); {@code other} and {@code store} are null where the machine has no
     * /proc.
     */
    public record Cores(double client, Double store, Double other) {}

    /**
     * The phase that speaks for {@code kind} among a run's {@code phases}, by the one headline rule
     * ({@link Loop#headline}): the chapter's own loop, else its window, else its first.
     */
    public static Optional<PhaseResult> headline(List<PhaseResult> phases, Phase.Kind kind) {
        return Loop.headline(phases, kind, PhaseResult::kind, PhaseResult::loop);
    }

    /**
     * What a large-object phase did with each object (chapter 09).
     *
     * @param client the client and how it was configured, e.g. the SDK's version and its multipart settings
     * @param objectBytes each object's size
     * @param partSize the bytes of each part or range; null for one stream
     * @param parallel parts or ranges in flight at once, as the client was told or documents; null for one stream
     * @param parts the parts (or ranges) per object; 1 for one stream
     * @param checksum the integrity checks the client made beyond the harness's own, e.g. a CRC32 trailer
     * @param verified what the harness checked for every object: each GET's file against the PUT's SHA-256, each PUT's
     *     ETag against the MD5 (of each part's MD5, "-N") it computed from the file
     * @param memory how {@code peakMemoryBytes} was read
     */
    public record Transfer(
            String client,
            long objectBytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long partSize,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer parallel,
            int parts,
            String checksum,
            String verified,
            String memory) {}

    /** True when nothing failed and every object was verified in every round. */
    public boolean passed() {
        return errors == 0 && verified == items;
    }
}
