package objectstore.bench.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import objectstore.store.UserError;

/**
 * The CPU profiler of {@code --profile --jfc cpu}: async-profiler's agent (Maven Central's
 * {@code tools.profiler:async-profiler}, whose jar carries the native library), loaded into the chapter's JVM with
 * {@code -agentpath} and writing its samples as a JFR recording that {@link Profile} reads like JFR's own.
 *
 * <p>Why async-profiler rather than JFR's samplers: JFR's execution samples see only threads running Java code (a
 * thread in a system call, the GC's and the JIT's threads are not sampled), and JDK 25's CPU-time sampler
 * ({@code jdk.CPUTimeSample}) samples Java threads only and keeps no native frames. async-profiler samples every thread
 * of the process, the JVM's own included, by CPU time, with its native frames, and with the kernel's frames where
 * perf_events may record them: a sample taken in a {@code write} shows the kernel's TCP code under it.
 *
 * <p>The engine: {@code event=cpu} asks for perf_events' CPU clock, a high-resolution timer per thread that sees kernel
 * frames. Where perf_events is not allowed ({@code kernel.perf_event_paranoid} above 1 for a user without CAP_PERFMON,
 * or a container that blocks the call), async-profiler falls back to {@code ctimer}: per-thread CPU timers that still
 * count kernel time (a sample lands on the system call's native frame) but fire at most once per scheduler tick. The
 * recording names the engine that ran, and the record repeats it.
 */
final class AsyncProfiler {

    /** The sampling interval in CPU time, per thread: 1,000 samples in a phase that used a tenth of a second of CPU. */
    static final long INTERVAL_MICROS = 100;

    private AsyncProfiler() {}

    /** The resource of the agent library for this machine inside the async-profiler jar, or null where it has none. */
    static String libraryResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return null;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return "linux-x64/libasyncProfiler.so";
        }
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return "linux-arm64/libasyncProfiler.so";
        }
        return null;
    }

    /**
     * The JVM option that loads the agent, copied into {@code work}, to sample from the JVM's start and write
     * {@code recording} (JFR format) when it exits.
     */
    static List<String> jvmOptions(Path work, Path recording) throws IOException {
        return List.of("-agentpath:" + library(work) + "=" + agentArguments(recording));
    }

    /** The agent's library for this machine, copied out of the async-profiler jar into {@code work}. */
    static Path library(Path work) throws IOException {
        String resource = libraryResource(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (resource == null) {
            throw new UserError("--jfc cpu needs async-profiler's agent, which has no library for "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                    + "; profile on Linux (x64 or arm64), or give --jfc locks");
        }
        Path library = work.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UserError("async-profiler's " + resource + " is not on the classpath; "
                        + "build the bench module with Maven (./mvnw -q install -DskipTests)");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        return library;
    }

    /** The agent's arguments: start at once, CPU samples every {@link #INTERVAL_MICROS}, a JFR file at exit. */
    static String agentArguments(Path recording) {
        return "start,event=cpu,interval=" + INTERVAL_MICROS + "us,jfr,file=" + recording;
    }
}
