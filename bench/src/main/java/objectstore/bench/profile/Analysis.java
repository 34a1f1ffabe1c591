package objectstore.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;

/**
 * The reading half of a profile: a recording (JFR's, or async-profiler's in JFR's format) and the run's results, made
 * into the record, with each phase's stacks kept for its flame graph.
 *
 * @param record the record
 * @param stacks per phase (by its op), the collapsed stacks of its CPU samples; empty for a locks profile
 */
record Analysis(ProfileRecord record, Map<String, Map<String, Long>> stacks) {

    /** async-profiler's settings the record keeps, as its recording states them. */
    private static final Set<String> PROFILER_SETTINGS =
            Set.of("version", "engine", "event", "interval", "clock", "jstackdepth", "kernelSymbols");

    /** Phase {@code op}'s collapsed stacks. */
    Map<String, Long> stacks(String op) {
        Map<String, Long> found = stacks.get(op);
        if (found == null) {
            throw new IllegalArgumentException("no phase " + op + " in the run; its phases: " + stacks.keySet());
        }
        return found;
    }

    /** Phase {@code op}'s CPU samples. */
    long samples(String op) {
        return record.phases().stream()
                .filter(p -> p.op().equals(op))
                .mapToLong(p -> p.cpu().samples())
                .sum();
    }

    /** The record: the recording's events per phase of {@code run}. */
    static Analysis of(Path recording, RunResult run, ProfileOptions options, List<String> recorderOptions)
            throws IOException {
        JfrSettings settings = options.settings();
        boolean isCpu = settings == JfrSettings.CPU;
        PhaseWindows windows = PhaseWindows.of(run.phases());
        LockProfile locks = new LockProfile(windows);
        CpuProfile cpu = new CpuProfile(windows);
        Map<String, String> applied = new TreeMap<>();
        Map<Long, String> ours = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            for (EventType type : file.readEventTypes()) {
                if (settings.eventNames().contains(type.getName())) {
                    ours.put(type.getId(), type.getName());
                }
            }
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.JavaMonitorEnter" ->
                        locks.monitorEnter(
                                event.getStartTime(),
                                event.getDuration(),
                                className(event.getClass("monitorClass")),
                                frames(event.getStackTrace()));
                    case "jdk.ThreadPark" ->
                        locks.park(
                                event.getStartTime(),
                                event.getDuration(),
                                className(event.getClass("parkedClass")),
                                frames(event.getStackTrace()));
                    case "jdk.ExecutionSample" -> {
                        if (isCpu) {
                            cpu.sample(
                                    event.getStartTime(),
                                    threadName(event.getThread("sampledThread")),
                                    frames(event.getStackTrace()),
                                    event.getStackTrace() != null
                                            && event.getStackTrace().isTruncated());
                        }
                    }
                    case "jdk.ActiveSetting" -> {
                        String type = ours.get(event.getLong("id"));
                        String name = event.getString("name");
                        if (type != null) {
                            applied.put(type + "#" + name, event.getString("value"));
                        } else if (isCpu && PROFILER_SETTINGS.contains(name)) {
                            applied.put("async-profiler#" + name, event.getString("value"));
                        }
                    }
                    default -> {
                        // not one of ours
                    }
                }
            }
        }
        if (applied.isEmpty()) {
            applied.putAll(settings.flat()); // the recording did not say; these are what was asked for
        }
        // The CPU time one sample stands for: the interval the recording states (nanoseconds), else the one asked for.
        double periodMicros = isCpu && applied.containsKey("async-profiler#interval")
                ? Long.parseLong(applied.get("async-profiler#interval")) / 1000.0
                : AsyncProfiler.INTERVAL_MICROS;

        List<ProfileRecord.Phase> phases = new ArrayList<>();
        Map<String, Map<String, Long>> stacks = new HashMap<>();
        for (int i = 0; i < run.phases().size(); i++) {
            PhaseResult p = run.phases().get(i);
            PhaseWindows.Window w = windows.windows().get(i);
            phases.add(new ProfileRecord.Phase(
                    p.op(),
                    p.startedAt(),
                    p.endedAt(),
                    w.millis(),
                    p.items(),
                    p.rounds(),
                    p.cpuMicrosPerOp(),
                    isCpu ? null : locks.phase(i, (long) p.items() * p.rounds()),
                    isCpu ? cpu.phase(i, periodMicros, p.cpuMicrosPerOp(), p.items(), p.rounds()) : null));
            stacks.put(p.op(), cpu.stacks(i));
        }
        ProfileRecord.Phase outside = new ProfileRecord.Phase(
                "(outside every phase: start-up, warm-up, emptying the bucket, shutdown)",
                null,
                null,
                null,
                null,
                null,
                null,
                isCpu ? null : locks.outside(),
                isCpu ? cpu.outside(periodMicros) : null);

        Map<String, String> flameGraphs = new TreeMap<>();
        options.flameGraphs()
                .forEach((op, file) -> flameGraphs.put(op, file.getFileName().toString()));
        ProfileRecord record = new ProfileRecord(
                settings.label(),
                run.experiment(),
                options.chapterArgs(),
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                run.machine(),
                run.store(),
                run.client(),
                run.passed(),
                options.resultsJson().getFileName().toString(),
                options.keepJfr() ? options.jfr().getFileName().toString() : null,
                new ProfileRecord.Jfr(
                        applied,
                        isCpu
                                ? Integer.parseInt(applied.getOrDefault("async-profiler#jstackdepth", "2048"))
                                : settings.stackDepth(),
                        recorderOptions),
                WINDOWS,
                warnings(run, windows, phases, isCpu, applied),
                isCpu ? CpuCategories.describe() : null,
                flameGraphs,
                phases,
                outside);
        return new Analysis(record, stacks);
    }

    static final String WINDOWS = "An event belongs to a phase when its start time falls inside the phase's wall-clock"
            + " window, from the results JSON's startedAt to the end of its endedAt's millisecond. Exact only with"
            + " --rounds 1: with more rounds a window runs from the phase's first round to its last, holds the other"
            + " phases' rounds in between, and an event in several windows counts in each. A wait counts in the"
            + " window it began in, its time cut off at that window's end.";

    private static List<String> warnings(
            RunResult run,
            PhaseWindows windows,
            List<ProfileRecord.Phase> phases,
            boolean isCpu,
            Map<String, String> applied) {
        List<String> warnings = new ArrayList<>();
        if (run.settings().rounds() > 1 || windows.overlap()) {
            warnings.add("--rounds " + run.settings().rounds()
                    + ": the phases' windows overlap, so a phase's figures include other phases' "
                    + "rounds (and events in several windows count in each); give --rounds 1 for exact windows");
        }
        if (!run.passed()) {
            warnings.add("the run did not pass (errors or unverified objects): see its results JSON");
        }
        if (Boolean.TRUE.equals(run.machine().busy())) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "the machine was busy: other processes used %.2f cores during the counted rounds",
                    run.machine().otherCpuCores()));
        }
        if (!isCpu
                && run.settings().options() != null
                && "virtual".equals(run.settings().options().get("threads"))) {
            warnings.add("--threads virtual: a virtual thread's park is not a jdk.ThreadPark event, so the parks here"
                    + " are the carriers' and the harness's, not the virtual threads' waits");
        }
        if (isCpu) {
            String engine = applied.getOrDefault("async-profiler#engine", "?");
            if (!engine.equals("perf_events")) {
                warnings.add("async-profiler sampled with " + engine + ", not perf_events: no kernel frames (a system"
                        + " call's time shows on its native frame), and at most one sample a scheduler tick; run as"
                        + " root, or with kernel.perf_event_paranoid at 1 or below, for perf_events");
            }
            List<String> few = phases.stream()
                    .filter(p -> p.cpu().samples() < Profile.MIN_SAMPLES)
                    .map(p -> p.op() + " (" + p.cpu().samples() + ")")
                    .toList();
            if (!few.isEmpty()) {
                warnings.add("fewer than " + String.format(Locale.ROOT, "%,d", Profile.MIN_SAMPLES) + " samples in "
                        + String.join(", ", few) + ": the book does not draw these phases; run more --iterations");
            }
            long truncated =
                    phases.stream().mapToLong(p -> p.cpu().truncatedStacks()).sum();
            if (truncated > 0) {
                warnings.add(truncated + " samples in the phases had stacks deeper than the recording kept; only"
                        + " frames near their bottom are missing");
            }
        }
        return warnings;
    }

    private static String className(RecordedClass c) {
        return c == null ? null : c.getName();
    }

    /** A sampled thread's name: its Java name, else (a thread the JVM made for itself) its OS name. */
    static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "(no thread)";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "(no thread)" : name;
    }

    /**
     * A stack, the running frame first: Java frames as "package.Class.method"; async-profiler's native frames as
     * "library:symbol" and the kernel's as "kernel:symbol".
     */
    static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getType();
            String owner = frame.getMethod().getType().getName();
            String name = frame.getMethod().getName();
            if ("Kernel".equals(type)) {
                frames.add(CpuCategories.KERNEL_FRAME + name);
            } else if ("Native".equals(type) || "C++".equals(type)) {
                frames.add((owner == null || owner.isEmpty() ? "native" : owner) + ":" + name);
            } else {
                frames.add(owner + "." + name);
            }
        }
        return frames;
    }
}
