package objectstore.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ParentWatch;
import objectstore.util.Classpath;

/**
 * Runs one experiment in a JVM of its own, so that each is measured with a fresh JIT, heap and CPU account: {@code java
 * -cp <the runtime classpath of the module that runs it> objectstore.provisioning.ParentWatch MAIN args --json FILE}.
 *
 * <p>{@link ParentWatch} halts the child when this process goes away, so an interrupted suite leaves no experiment (and
 * no embedded store) behind. The child's output goes to a log file; its progress lines ({@code round 1/3 put_object
 * ...}) are shown as they come.
 */
final class ChildJvm {

    /** JVM flags for every experiment, in one place: the same heap for all, and nothing else tuned. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx3g", "-XX:+UseG1GC");

    /** The exit code with which an experiment says it cannot run on this machine (see SdkCrtPutGet). */
    static final int CANNOT_RUN_HERE = 3;

    private static final Pattern ROUND = Pattern.compile("^round (\\d+)/(\\d+)\\s+(.+?)\\s+(\\d+) in\\s+([\\d.]+)"
            + " s\\s+(\\d+) items/s.*verified (\\d+)\\s+errors (\\d+)");
    private static final Pattern WARMUP =
            Pattern.compile("^warm-up: (pass \\d+|steady after .*|NOT STEADY after [^:]*)");

    private final List<String> classpath;

    private ChildJvm(List<String> classpath) {
        this.classpath = classpath;
    }

    /**
     * A launcher for children on the runtime classpath of the module that runs it (bench, or docs, which forwards to
     * it).
     */
    static ChildJvm onModuleClasspath() {
        return new ChildJvm(classpath());
    }

    /** True when {@code mainClass} is on the children's classpath (a chapter still being written is not). */
    boolean has(String mainClass) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath) {
            try {
                urls.add(Paths.get(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                // not a usable entry; skip it
            }
        }
        try (URLClassLoader loader =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            return loader.findResource(mainClass.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code chapter} with {@code args} plus {@code --json json}, showing progress as {@code [index/total]}; the
     * child's output goes to {@code log}. Returns what became of it.
     */
    Outcome run(
            Chapters.Chapter chapter,
            List<String> args,
            Path json,
            Path log,
            String tag,
            Duration timeout,
            PrintStream out)
            throws IOException, InterruptedException {
        if (!has(chapter.mainClass())) {
            Outcome skipped = Outcome.notRun(
                    chapter.name(),
                    "its main class " + chapter.mainClass() + " is not on the classpath (not written yet?)");
            out.printf("%s %s: not run (%s)%n", tag, chapter.name(), skipped.reason());
            return skipped;
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(json);
        Path errLog = log.resolveSibling(log.getFileName().toString().replace(".log", ".stderr.log"));

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Dobjectstore.module.dir="
                + ModuleDir.resolve(".").toAbsolutePath().normalize());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(ParentWatch.class.getName());
        command.add(chapter.mainClass());
        command.addAll(args);
        command.add("--json");
        command.add(json.toString());

        out.printf("%s %s: %s%n", tag, chapter.name(), String.join(" ", args));
        long start = System.nanoTime();
        Process process =
                new ProcessBuilder(command).redirectError(errLog.toFile()).start();
        Watchdog watchdog = new Watchdog(process, timeout);
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            copy.println("$ "
                    + String.join(
                            " ", command.subList(command.indexOf(ParentWatch.class.getName()) + 1, command.size())));
            int phase = 0;
            int lastRound = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                copy.println(line);
                Matcher round = ROUND.matcher(line);
                Matcher warmup = WARMUP.matcher(line);
                if (round.find()) {
                    int r = Integer.parseInt(round.group(1));
                    phase = r == lastRound ? phase + 1 : 1;
                    lastRound = r;
                    out.printf(
                            Locale.ROOT,
                            "%s %s: round %s/%s, phase %d %-36s %,9d items/s  verified %s  errors %s%n",
                            tag,
                            chapter.name(),
                            round.group(1),
                            round.group(2),
                            phase,
                            round.group(3),
                            Long.parseLong(round.group(6)),
                            round.group(7),
                            round.group(8));
                } else if (warmup.find()) {
                    out.printf("%s %s: warm-up, %s%n", tag, chapter.name(), warmup.group(1));
                } else if (line.startsWith("store: ") || line.startsWith("client: ")) {
                    out.printf("%s %s: %s%n", tag, chapter.name(), line);
                }
            }
        } finally {
            process.getOutputStream().close(); // the child's ParentWatch halts it if it is still there
        }
        int code = process.waitFor();
        watchdog.cancel();
        double seconds = (System.nanoTime() - start) / 1e9;

        RunResult result = Files.isRegularFile(json) ? ResultsJson.read(json) : null;
        Outcome outcome;
        if (watchdog.fired()) {
            outcome = Outcome.failed(
                    chapter.name(), null, "did not finish within " + timeout.toMinutes() + " minutes; see " + log);
        } else if (code == 0 && result != null) {
            outcome = Outcome.of(result);
        } else if (code == CANNOT_RUN_HERE) {
            outcome = Outcome.notRun(
                    chapter.name(), reason(chapter.name(), errLog, code).replaceFirst("^not run: ", ""));
        } else {
            outcome = Outcome.failed(chapter.name(), result, reason(chapter.name(), errLog, code));
        }
        out.printf(
                Locale.ROOT,
                "%s %s: %s in %.1f s%s%n",
                tag,
                chapter.name(),
                switch (outcome.status()) {
                    case PASSED -> "passed";
                    case FAILED -> "FAILED";
                    case NOT_RUN -> "not run";
                },
                seconds,
                outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
        return outcome;
    }

    /** The child's own one-line explanation: its last stderr line naming the experiment, else its last line. */
    private static String reason(String experiment, Path errLog, int code) {
        try {
            List<String> lines = Files.readAllLines(errLog, StandardCharsets.UTF_8);
            String last = null;
            for (String line : lines) {
                if (line.startsWith(experiment + ": ")) {
                    last = line.substring(experiment.length() + 2);
                }
            }
            if (last == null) {
                last = lines.stream()
                        .filter(l -> !l.isBlank())
                        .reduce((a, b) -> b)
                        .orElse(null);
            }
            return last == null ? "exit code " + code : last.strip();
        } catch (IOException e) {
            return "exit code " + code;
        }
    }

    /**
     * The classpath the build wrote (target/suite-classpath.txt, see bench/pom.xml) after this module's own classes;
     * without that file, the class loader's (exec:java) or this JVM's.
     */
    static List<String> classpath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ownCodeLocation());
        Path written = ModuleDir.resolve("target/suite-classpath.txt");
        try {
            if (Files.isRegularFile(written)) {
                for (String entry : Files.readString(written).strip().split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
                return List.copyOf(entries);
            }
        } catch (IOException e) {
            // fall back to the class loader's view below
        }
        entries.addAll(Classpath.current());
        return List.copyOf(entries);
    }

    private static String ownCodeLocation() {
        try {
            return Paths.get(ChildJvm.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the bench module's classes", e);
        }
    }

    /** Stops a child that runs past its time. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean fired;

        Watchdog(Process process, Duration timeout) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        fired = true;
                        process.destroy();
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    }
                } catch (InterruptedException e) {
                    // cancelled
                }
            });
        }

        void cancel() {
            thread.interrupt();
        }

        boolean fired() {
            return fired;
        }
    }
}
