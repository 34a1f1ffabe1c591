package objectstore.bench.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;
import objectstore.harness.RunResult;
import objectstore.provisioning.StoreInfo;

/**
 * One profile as written to {@code --out FILE} (docs/measuring-honestly.md, "Profiles", describes it): which run it
 * recorded, with which recorder's settings (JFR's for locks, async-profiler's for cpu), and per phase what the
 * recording holds.
 *
 * @param profile {@code locks} or {@code cpu}
 * @param experiment the chapter or peer, e.g. {@code 02-thread-pool-s3}
 * @param chapterArgs the arguments the chapter ran with (without {@code --json}, which the profile adds)
 * @param date when the profile was written, UTC
 * @param machine the machine, as the run's results JSON describes it (its JVM, cores, how busy it was)
 * @param store the store the run measured
 * @param client the client the run used
 * @param runPassed the run's own verdict: false means errors or unverified objects (see the results JSON)
 * @param resultsJson the run's results JSON, beside this file
 * @param recording the .jfr file beside this one, when kept ({@code --keep-jfr}); else absent
 * @param jfr what the recorder was asked to record, and how: JFR's settings (locks), or async-profiler's as its
 *     recording states them (cpu: {@code async-profiler#engine} says whether perf_events or CPU timers sampled)
 * @param flameGraphs cpu: the flame graphs written beside this file ({@code --flame OP}), by phase
 * @param phaseWindows how events are assigned to phases
 * @param warnings what makes this record less exact than it looks, if anything
 * @param categoryRules cpu: the rules that named each sample's category, as they were when it was written
 * @param phases per phase of the run, in the order they ran
 * @param outsidePhases the same for events outside every phase's window (start-up, warm-up, emptying, shutdown)
 */
public record ProfileRecord(
        String profile,
        String experiment,
        List<String> chapterArgs,
        String date,
        RunResult.Machine machine,
        StoreInfo store,
        String client,
        boolean runPassed,
        String resultsJson,
        @JsonInclude(Include.NON_NULL) String recording,
        Jfr jfr,
        String phaseWindows,
        List<String> warnings,
        @JsonInclude(Include.NON_NULL) List<Map<String, Object>> categoryRules,
        @JsonInclude(Include.NON_EMPTY) Map<String, String> flameGraphs,
        List<Phase> phases,
        Phase outsidePhases) {

    /**
     * @param settings each event's settings, {@code event#setting}: as the recording reports it applied them
     * @param stackDepth frames kept per stack (JFR's {@code stackdepth}, async-profiler's {@code jstackdepth})
     * @param options the child JVM's options that started the recording
     */
    public record Jfr(Map<String, String> settings, int stackDepth, List<String> options) {}

    /**
     * One phase: its window and what the run measured in it (from the results JSON), and the events in it.
     *
     * @param cpuMicrosPerOp the run's own CPU per operation for the phase (median round), the base of the cpu estimates
     */
    public record Phase(
            String op,
            @JsonInclude(Include.NON_NULL) String startedAt,
            @JsonInclude(Include.NON_NULL) String endedAt,
            @JsonInclude(Include.NON_NULL) Double windowMs,
            @JsonInclude(Include.NON_NULL) Integer items,
            @JsonInclude(Include.NON_NULL) Integer rounds,
            @JsonInclude(Include.NON_NULL) Double cpuMicrosPerOp,
            @JsonInclude(Include.NON_NULL) Locks locks,
            @JsonInclude(Include.NON_NULL) Cpu cpu) {}

    /** Locks: contended monitor entries and parks. */
    public record Locks(Waits monitorEnter, Waits threadPark) {}

    /**
     * One kind of wait in one phase.
     *
     * @param count events
     * @param totalMs their durations added up, each cut off at the window's end, over every thread (it can exceed the
     *     window: many threads wait at once); outside the phases, whole durations
     * @param perOperation events per operation of the phase (items times rounds); absent outside the phases
     * @param threadsWaiting totalMs over the window: how many threads were waiting, on average, in waits that began in
     *     it; absent outside the phases
     * @param top the five classes waited on longest: the monitor's class, or the park's blocker
     */
    public record Waits(
            long count,
            double totalMs,
            @JsonInclude(Include.NON_NULL) Double perOperation,
            @JsonInclude(Include.NON_NULL) Double threadsWaiting,
            List<Top> top) {}

    /**
     * A class waited on: its events and time, and where most of that time was spent.
     *
     * @param at the waiting frame: the first one past the JDK's park and lock machinery
     * @param calledFrom the first frame outside the JDK below it (the library or project code that waited), or absent
     * @param atShare the share of this class's time spent at that pair of frames
     */
    public record Top(
            String waitedOn,
            long count,
            double totalMs,
            String at,
            @JsonInclude(Include.NON_NULL) String calledFrom,
            double atShare) {}

    /**
     * CPU samples in one phase.
     *
     * @param samples async-profiler's samples (jdk.ExecutionSample in its recording): a thread of the process caught
     *     using CPU, in Java code, native code or the kernel, every thread of the JVM included
     * @param truncatedStacks samples whose stack was deeper than the recording kept (their bottom frames are missing)
     * @param sampledMs samples times the sampling interval: the process's CPU time as the samples see it
     * @param processCpuMs the run's own CPU time for the phase's median round (cpuMicrosPerOp times items), every
     *     thread; absent outside the phases
     * @param sampledShareOfCpu sampledMs over processCpuMs (one round only): how much of the process's measured CPU the
     *     samples cover. Near 1 with perf_events; well below it where CPU timers sampled once a scheduler tick
     * @param categories every category, in the table's order; their samples add up to {@code samples}
     */
    public record Cpu(
            long samples,
            long truncatedStacks,
            double sampledMs,
            @JsonInclude(Include.NON_NULL) Double processCpuMs,
            @JsonInclude(Include.NON_NULL) Double sampledShareOfCpu,
            List<Category> categories) {}

    /**
     * One category's samples in a phase.
     *
     * @param share samples over the phase's samples
     * @param shareError one standard error of that share, sqrt(share (1 - share) / samples): few samples, wide error
     * @param sampledMicrosPerOp what the samples saw: samples times the period, over the phase's operations (items
     *     times rounds)
     * @param estimatedMicrosPerOp an estimate: share times the phase's cpuMicrosPerOp, as if the CPU no sample sees
     *     split like the samples; absent outside the phases
     * @param frames the frames that decided most of its samples (the frame a rule matched; for JDK and other, the
     *     running method), with their samples
     */
    public record Category(
            String category,
            long samples,
            double share,
            double shareError,
            @JsonInclude(Include.NON_NULL) Double sampledMicrosPerOp,
            @JsonInclude(Include.NON_NULL) Double estimatedMicrosPerOp,
            @JsonInclude(Include.NON_EMPTY) List<String> frames) {}
}
