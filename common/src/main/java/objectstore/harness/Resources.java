package objectstore.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a stretch of a run cost, and who else was busy meanwhile: this process's CPU time and heap allocation, and (on
 * Linux, from /proc) the CPU time of the store's processes when this run started them, and of the whole machine.
 *
 * <p>The kernel counts CPU time in clock ticks (10 ms): over a phase of a second or more the error is a percent or
 * less; over a few milliseconds it is all error.
 */
public final class Resources {

    /** Nanoseconds per clock tick (USER_HZ is 100 on every Linux this runs on). */
    private static final long TICK_NANOS = 10_000_000L;

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /**
     * One reading: the wall clock, then CPU nanoseconds (this process, the store, the machine busy) and bytes
     * allocated.
     */
    public record Sample(
            long wallNanos, long selfCpuNanos, long storeCpuNanos, long machineBusyNanos, long allocatedBytes) {}

    /** How the cores were used between two samples, in cores (1.0 is one core busy the whole time). */
    public record Share(double client, Double store, Double other) {}

    private Resources() {}

    /** Reads everything now; the store's figure is the sum over {@code storePids} (0 when none). */
    public static Sample now(List<Long> storePids) {
        long store = 0;
        for (long pid : storePids) {
            store += processTicks(Path.of("/proc", Long.toString(pid), "stat")) * TICK_NANOS;
        }
        return new Sample(
                System.nanoTime(), processCpuNanos(), store, machineBusyTicks() * TICK_NANOS, allocatedBytes());
    }

    /**
     * The cores each side kept busy from {@code a} to {@code b}: the client (this process), the store (null when this
     * run did not start it, or without /proc), and everything else on the machine (null without /proc).
     */
    public static Share between(Sample a, Sample b, boolean storeKnown) {
        double wall = Math.max(1, b.wallNanos() - a.wallNanos());
        double client = (b.selfCpuNanos() - a.selfCpuNanos()) / wall;
        if (b.machineBusyNanos() == 0) {
            return new Share(client, null, null);
        }
        double store = storeKnown ? (b.storeCpuNanos() - a.storeCpuNanos()) / wall : 0;
        double machine = (b.machineBusyNanos() - a.machineBusyNanos()) / wall;
        double other = Math.max(0, machine - client - store);
        return new Share(client, storeKnown ? store : null, other);
    }

    /** CPU time of this whole process (every thread), as the JVM reports it. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Bytes allocated on the heap by every thread since the JVM started, those that have ended included. */
    public static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return 0;
    }

    /** user + nice + system + irq + softirq + steal over all cores, from the first line of /proc/stat; 0 without it. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).getFirst().trim().split("\\s+");
            return Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7])
                    + (f.length > 8 ? Long.parseLong(f[8]) : 0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat; 0 when the process is gone. */
    private static long processTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
