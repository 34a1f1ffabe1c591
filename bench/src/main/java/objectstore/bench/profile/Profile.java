package objectstore.bench.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import objectstore.harness.PhaseResult;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ParentWatch;
import objectstore.store.UserError;

/**
 * The docs module's {@code --profile} command: runs one chapter in a child JVM with JDK Flight Recorder on, then reads
 * the recording beside the run's results JSON and writes one record of what each phase waited on ({@code --jfc locks})
 * or spent its CPU on ({@code --jfc cpu}). docs/measuring-honestly.md, "Profiles", says how to read it.
 *
 * <pre>
 * ./mvnw -q -pl bench exec:java -Dexec.args="--profile 04 --jfc cpu --out /tmp/p04.json --iterations 3000 --concurrency 200 --backend memory --rounds 1"
 * </pre>
 *
 * <p>Exit code: 0 when the record is written and the run passed; 1 when the run failed or wrote no results (a record is
 * still written when there are results); 2 for bad input.
 */
public final class Profile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Phases with fewer samples than this get a warning: their shares are rough. */
    static final int FEW_SAMPLES = 100;

    private Profile() {}

    /**
     * The command. {@code classpath} and {@code jvmFlags} are the suite's (ChildJvm's), so a profiled run starts like a
     * suite's.
     */
    public static int run(
            String[] args, List<String> classpath, List<String> jvmFlags, PrintStream out, PrintStream err) {
        ProfileOptions options;
        try {
            options = ProfileOptions.parse(args);
        } catch (UserError e) {
            err.println("profile: " + e.getMessage());
            return 2;
        }
        if (options == null) {
            out.print(ProfileOptions.usage());
            return 0;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("profile-");
            Path jfc = work.resolve(options.settings().label() + ".jfc");
            Path recording = work.resolve("recording.jfr");
            Files.writeString(jfc, options.settings().jfc(), StandardCharsets.UTF_8);
            Files.createDirectories(options.out().getParent());
            Files.deleteIfExists(options.out()); // no record from an earlier run is left to look like this one's
            Files.deleteIfExists(options.resultsJson());

            // Run the chapter.
            List<String> jfrOptions = List.of(
                    "-XX:StartFlightRecording:name=profile,settings=" + jfc + ",filename=" + recording
                            + ",dumponexit=true",
                    "-XX:FlightRecorderOptions:stackdepth=" + options.settings().stackDepth(),
                    "-Xlog:jfr+startup=warning");
            out.printf(
                    "profile: %s with JFR (%s), %s%n",
                    options.chapter().name(), options.settings().label(), String.join(" ", options.chapterArgs()));
            if (options.chapterOptions().rounds() > 1) {
                out.printf(
                        "profile: WARNING --rounds %d: phase windows overlap; give --rounds 1 for exact ones%n",
                        options.chapterOptions().rounds());
            }
            Child child = runChild(options, classpath, jvmFlags, jfrOptions, out, err);
            if (!Files.isRegularFile(options.resultsJson())) {
                err.printf(
                        "profile: %s wrote no results (exit code %d): %s%n",
                        options.chapter().name(), child.exitCode(), child.reason());
                return 1;
            }
            if (!Files.isRegularFile(recording)) {
                err.printf(
                        "profile: %s left no recording (exit code %d): %s%n",
                        options.chapter().name(), child.exitCode(), child.reason());
                return 1;
            }

            // Read the recording beside the results, and write the record.
            RunResult run = ResultsJson.read(options.resultsJson());
            List<String> shownOptions = jfrOptions.stream()
                    .map(o -> o.replace(jfc.toString(), "<" + jfc.getFileName() + ": the settings above>")
                            .replace(recording.toString(), "<the recording>"))
                    .toList();
            ProfileRecord record = analyse(recording, run, options, shownOptions);
            JSON.writeValue(options.out().toFile(), record);
            if (options.keepJfr()) {
                Files.move(recording, options.jfr(), StandardCopyOption.REPLACE_EXISTING);
            }
            summary(record, out);
            record.warnings().forEach(w -> out.println("profile: WARNING " + w));
            out.printf(
                    "profile: wrote %s (the run's results: %s%s)%n",
                    options.out(),
                    options.resultsJson().getFileName(),
                    options.keepJfr() ? ", the recording: " + options.jfr().getFileName() : "");
            if (child.exitCode() != 0 || !run.passed()) {
                err.printf("profile: the run did not pass (exit code %d): %s%n", child.exitCode(), child.reason());
                return 1;
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("profile: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("profile: interrupted");
            return 1;
        } finally {
            deleteQuietly(work);
        }
    }

    /** What the child did: its exit code, and its own one-line explanation when it failed. */
    record Child(int exitCode, String reason) {}

    /*
     * The child is started as the suite starts one (ChildJvm): the same JVM flags, ParentWatch so that it
     * stops when this process does, --json for its results. Its output is shown as it comes.
     */
    private static Child runChild(
            ProfileOptions options,
            List<String> classpath,
            List<String> jvmFlags,
            List<String> jfrOptions,
            PrintStream out,
            PrintStream err)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(jfrOptions);
        command.add("-Dobjectstore.module.dir="
                + ModuleDir.resolve(".").toAbsolutePath().normalize());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(ParentWatch.class.getName());
        command.add(options.chapter().mainClass());
        command.addAll(options.chapterArgs());
        command.add("--json");
        command.add(options.resultsJson().toString());

        Process process = new ProcessBuilder(command).start();
        // The child's own explanation: its last stderr line naming the experiment, else its last line.
        String experiment = options.chapter().name() + ": ";
        AtomicReference<String> named = new AtomicReference<>();
        AtomicReference<String> last = new AtomicReference<>();
        Thread errors = Thread.ofVirtual()
                .start(() -> copy(process.getErrorStream(), err, line -> {
                    if (line.startsWith(experiment)) {
                        named.set(line.substring(experiment.length()));
                    } else if (!line.isBlank()) {
                        last.set(line);
                    }
                }));
        Duration timeout =
                Duration.ofMinutes(90).plusSeconds(options.chapterOptions().duration());
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    process.destroy();
                }
            } catch (InterruptedException e) {
                // the child finished
            }
        });
        try {
            copy(process.getInputStream(), out, line -> {});
        } finally {
            process.getOutputStream().close(); // the child's ParentWatch halts it if it is still there
        }
        int code = process.waitFor();
        watchdog.interrupt();
        errors.join();
        String reason = timedOut.get()
                ? "did not finish within " + timeout.toMinutes() + " minutes"
                : named.get() != null ? named.get() : last.get() != null ? last.get() : "exit code " + code;
        return new Child(code, reason.strip());
    }

    private static void copy(InputStream from, PrintStream to, Consumer<String> each) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                to.println(line);
                each.accept(line);
            }
        } catch (IOException e) {
            // the child has gone; what it printed is shown
        }
    }

    /** The record: the recording's events per phase of {@code run}. */
    static ProfileRecord analyse(Path recording, RunResult run, ProfileOptions options, List<String> jfrOptions)
            throws IOException {
        JfrSettings settings = options.settings();
        PhaseWindows windows = PhaseWindows.of(run.phases());
        LockProfile locks = new LockProfile(windows);
        CpuProfile cpu = new CpuProfile(windows, JfrSettings.JAVA_SAMPLE_PERIOD_MS);
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
                    case "jdk.ExecutionSample" ->
                        cpu.sample(
                                event.getStartTime(),
                                frames(event.getStackTrace()),
                                event.getStackTrace() != null
                                        && event.getStackTrace().isTruncated());
                    case "jdk.NativeMethodSample" -> cpu.nativeSample(event.getStartTime());
                    case "jdk.ActiveSetting" -> {
                        String type = ours.get(event.getLong("id"));
                        if (type != null) {
                            applied.put(type + "#" + event.getString("name"), event.getString("value"));
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

        boolean isCpu = settings == JfrSettings.CPU;
        List<ProfileRecord.Phase> phases = new ArrayList<>();
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
                    isCpu ? cpu.phase(i, p.cpuMicrosPerOp(), p.items(), p.rounds()) : null));
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
                isCpu ? cpu.outside() : null);

        return new ProfileRecord(
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
                new ProfileRecord.Jfr(applied, settings.stackDepth(), jfrOptions),
                WINDOWS,
                warnings(run, windows, phases, isCpu),
                isCpu ? CpuCategories.describe() : null,
                phases,
                outside);
    }

    static final String WINDOWS =
            "An event belongs to a phase when its start time falls inside the phase's wall-clock window, "
                    + "from the results JSON's startedAt to the end of its endedAt's millisecond. Exact only with --rounds 1: with more rounds "
                    + "a window runs from the phase's first round to its last, holds the other phases' rounds in between, and an event in "
                    + "several windows counts in each. A wait counts in the window it began in, its time cut off at that window's end.";

    private static List<String> warnings(
            RunResult run, PhaseWindows windows, List<ProfileRecord.Phase> phases, boolean isCpu) {
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
            warnings.add(
                    "--threads virtual: a virtual thread's park is not a jdk.ThreadPark event, so the parks here are the carriers' "
                            + "and the harness's, not the virtual threads' waits");
        }
        if (isCpu) {
            List<String> few = phases.stream()
                    .filter(p -> p.cpu().samples() < FEW_SAMPLES)
                    .map(p -> p.op() + " (" + p.cpu().samples() + ")")
                    .toList();
            if (!few.isEmpty()) {
                warnings.add(
                        "fewer than " + FEW_SAMPLES + " samples in " + String.join(", ", few)
                                + ": each share is known only to its shareError (one standard error); run more --iterations for finer shares");
            }
            long truncated =
                    phases.stream().mapToLong(p -> p.cpu().truncatedStacks()).sum();
            if (truncated > 0) {
                warnings.add(
                        truncated
                                + " samples in the phases had stacks deeper than the recording kept; only frames near their bottom are missing");
            }
        }
        return warnings;
    }

    /** One line per phase: the largest categories, or the waits. */
    private static void summary(ProfileRecord record, PrintStream out) {
        for (ProfileRecord.Phase phase : record.phases()) {
            if (phase.cpu() != null) {
                ProfileRecord.Cpu cpu = phase.cpu();
                String top = String.join(
                        ", ",
                        cpu.categories().stream()
                                .filter(c -> c.samples() > 0)
                                .sorted(Comparator.comparingLong(ProfileRecord.Category::samples)
                                        .reversed())
                                .limit(5)
                                .map(c -> String.format(Locale.ROOT, "%s %.0f%%", c.category(), 100 * c.share()))
                                .toList());
                out.printf(
                        Locale.ROOT,
                        "profile: %-36s %,6d samples%s  %s%n",
                        phase.op(),
                        cpu.samples(),
                        cpu.sampledShareOfCpu() == null
                                ? ""
                                : String.format(Locale.ROOT, " (%.0f%% of its CPU)", 100 * cpu.sampledShareOfCpu()),
                        top);
            } else {
                ProfileRecord.Locks locks = phase.locks();
                out.printf(
                        Locale.ROOT,
                        "profile: %-36s monitor enters %,7d (%,.1f ms)  parks %,8d (%,.1f ms)%s%n",
                        phase.op(),
                        locks.monitorEnter().count(),
                        locks.monitorEnter().totalMs(),
                        locks.threadPark().count(),
                        locks.threadPark().totalMs(),
                        locks.threadPark().top().isEmpty()
                                ? ""
                                : "  longest parked on "
                                        + simpleName(locks.threadPark()
                                                .top()
                                                .getFirst()
                                                .waitedOn()));
            }
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String className(RecordedClass c) {
        return c == null ? null : c.getName();
    }

    /** A stack as "package.Class.method" names, the running method first. */
    static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "."
                    + frame.getMethod().getName());
        }
        return frames;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing for
        }
    }
}
