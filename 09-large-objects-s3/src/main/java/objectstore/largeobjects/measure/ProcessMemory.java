package objectstore.largeobjects.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory, from Linux's /proc/self: everything the JVM holds in RAM at once, its heap, direct
 * buffers, the native memory of a library like the CRT and its own code alike.
 *
 * <p>The peak over a stretch of time is the kernel's high-water mark (VmHWM), reset at the start by writing 5 to
 * /proc/self/clear_refs, so no peak between two samples is missed. Where that cannot be written, a thread samples VmRSS
 * every {@value #SAMPLE_MILLIS} ms instead; {@link #method()} says which.
 */
final class ProcessMemory {

    static final int SAMPLE_MILLIS = 2;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final boolean highWaterMark = resetHighWaterMark();
    private volatile long sampledPeak;
    private Thread sampler;

    /** How the peak is read, for the results. */
    String method() {
        return highWaterMark
                ? "Linux's resident high-water mark (VmHWM, reset per phase through /proc/self/clear_refs)"
                : "VmRSS sampled every " + SAMPLE_MILLIS + " ms";
    }

    /** The resident bytes now (VmRSS). */
    static long resident() {
        return field("VmRSS:");
    }

    /** Starts a stretch whose peak {@link #stopPeak()} returns. */
    void startPeak() {
        if (highWaterMark) {
            resetHighWaterMark();
            return;
        }
        sampledPeak = resident();
        sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak = Math.max(sampledPeak, resident());
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The most bytes resident at once since {@link #startPeak()}. */
    long stopPeak() {
        if (highWaterMark) {
            return Math.max(field("VmHWM:"), resident());
        }
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.max(sampledPeak, resident());
    }

    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A "Name: 123 kB" line of /proc/self/status, in bytes; 0 without /proc. */
    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
