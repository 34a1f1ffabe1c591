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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ParentWatch;
import objectstore.store.UserError;

/**
 * The bench module's {@code --profile} command: runs one chapter in a child JVM with a recorder on (JDK Flight Recorder
 * for {@code --jfc locks}, async-profiler for {@code --jfc cpu}: see {@link AsyncProfiler}), then reads the recording
 * beside the run's results JSON and writes one record of what each phase waited on or spent its CPU on, and for
 * {@code --flame OP} a flame graph of that phase's samples. docs/measuring-honestly.md, "Profiles", says how to read
 * it.
 *
 * <pre>
 * ./mvnw -q -pl bench exec:java -Dexec.args="--profile 05 --jfc cpu --out /tmp/p05.json --flame 'put_object (window)'
 *     --iterations 20000 --concurrency 200 --backend memory --rounds 1"
 * </pre>
 *
 * <p>Exit code: 0 when the record is written and the run passed; 1 when the run failed or wrote no results (a record is
 * still written when there are results); 2 for bad input.
 */
public final class Profile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Phases with fewer samples than this get a warning, and the book does not draw them: a share from fewer is known
     * to a few points at best (one standard error of a 10% share over 1,000 samples is about one point).
     */
    public static final int MIN_SAMPLES = 1_000;

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
            Files.createDirectories(options.out().getParent());
            Files.deleteIfExists(options.out()); // no record from an earlier run is left to look like this one's
            Files.deleteIfExists(options.resultsJson());

            // Run the chapter.
            boolean isCpu = options.settings() == JfrSettings.CPU;
            List<String> jfrOptions;
            if (isCpu) {
                jfrOptions = AsyncProfiler.jvmOptions(work, recording);
            } else {
                Files.writeString(jfc, options.settings().jfc(), StandardCharsets.UTF_8);
                jfrOptions = List.of(
                        "-XX:StartFlightRecording:name=profile,settings=" + jfc + ",filename=" + recording
                                + ",dumponexit=true",
                        "-XX:FlightRecorderOptions:stackdepth="
                                + options.settings().stackDepth(),
                        "-Xlog:jfr+startup=warning");
            }
            out.printf(
                    "profile: %s with %s, %s%n",
                    options.chapter().name(),
                    isCpu
                            ? "async-profiler (cpu)"
                            : "JFR (" + options.settings().label() + ")",
                    String.join(" ", options.chapterArgs()));
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
                            .replace(recording.toString(), "<the recording>")
                            .replace(jfc.getParent().toString(), "<a temporary folder>"))
                    .toList();
            Analysis analysis = Analysis.of(recording, run, options, shownOptions);
            ProfileRecord record = analysis.record();
            JSON.writeValue(options.out().toFile(), record);
            for (Map.Entry<String, Path> flame : options.flameGraphs().entrySet()) {
                String op = flame.getKey();
                Files.writeString(
                        flame.getValue(),
                        FlameGraph.svg(
                                String.format(
                                        Locale.ROOT,
                                        "%s, %s: %,d CPU samples (async-profiler, %s)",
                                        record.experiment(),
                                        op,
                                        analysis.samples(op),
                                        record.jfr().settings().getOrDefault("async-profiler#engine", "?")),
                                analysis.stacks(op)),
                        StandardCharsets.UTF_8);
                out.printf("profile: wrote %s (a flame graph of %s)%n", flame.getValue(), op);
            }
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
        } catch (UserError e) {
            err.println("profile: " + e.getMessage());
            return 2;
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
