package objectstore.bench.ceiling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who used the cores during a measurement, read the way the harness reads them (its {@code Resources}): this process's
 * CPU time from the JVM, the server's from /proc/PID/stat, the whole machine's from /proc/stat. What is left of the
 * machine's busy time after the tool, this process and the server is everybody else: how busy the rest of the machine
 * was.
 *
 * <p>The kernel counts in clock ticks of 10 ms: over a measurement of a second or more the error is a percent or less.
 */
public final class Cpu {

    /** Nanoseconds per clock tick (USER_HZ is 100 on every Linux this runs on). */
    static final long TICK_NANOS = 10_000_000L;

    /**
     * One reading: the wall clock, then CPU nanoseconds of this process, of the server, and of the whole machine (0
     * without /proc).
     */
    record Sample(long wallNanos, long selfCpuNanos, long serverCpuNanos, long machineBusyNanos) {}

    private Cpu() {}

    /** Reads everything now; the server's figure is the sum over {@code serverPids}. */
    static Sample now(List<Long> serverPids) {
        long server = 0;
        for (long pid : serverPids) {
            server += processTicks(pid) * TICK_NANOS;
        }
        return new Sample(System.nanoTime(), processCpuNanos(), server, machineBusyTicks() * TICK_NANOS);
    }

    /** The cores used from {@code a} to {@code b}, given the CPU time the tool (a child process) used meanwhile. */
    static CeilingRecord.Cores between(Sample a, Sample b, long toolCpuNanos) {
        double wall = Math.max(1, b.wallNanos() - a.wallNanos());
        double tool = toolCpuNanos / wall;
        double client = (b.selfCpuNanos() - a.selfCpuNanos()) / wall;
        if (b.machineBusyNanos() == 0) {
            return new CeilingRecord.Cores(round(tool), round(client), null, null);
        }
        double server = (b.serverCpuNanos() - a.serverCpuNanos()) / wall;
        double machine = (b.machineBusyNanos() - a.machineBusyNanos()) / wall;
        return new CeilingRecord.Cores(
                round(tool), round(client), round(server), round(Math.max(0, machine - tool - client - server)));
    }

    /** CPU time of this whole process (every thread), as the JVM reports it; 0 where it does not. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat; 0 when the process is gone. */
    static long processTicks(long pid) {
        try {
            String[] f = fieldsAfterName(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * cutime + cstime (fields 16 and 17) of a /proc/PID/stat line: the CPU time of the children that process has waited
     * for. A shell that ran the tool and reads its own stat line gets the tool's.
     */
    static long childrenTicks(String statLine) {
        String[] f = fieldsAfterName(statLine);
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The fields after the command name (field 2, in parentheses, which may hold spaces): f[0] is field 3. */
    private static String[] fieldsAfterName(String line) {
        return line.substring(line.lastIndexOf(')') + 2).strip().split(" ");
    }

    /** The whole machine's busy CPU time, in nanoseconds over all cores; 0 without /proc. */
    public static long machineBusyNanos() {
        return machineBusyTicks() * TICK_NANOS;
    }

    /**
     * CPU time of this process and of every child it has waited for (and their children in turn), from /proc/self/stat:
     * JMH's forks, and the servers they started and stopped, once each has ended; 0 without /proc.
     */
    public static long processAndChildrenCpuNanos() {
        try {
            String line = Files.readString(Path.of("/proc/self/stat"));
            String[] f = fieldsAfterName(line);
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + childrenTicks(line)) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** user + nice + system + irq + softirq + steal over all cores, from the first line of /proc/stat; 0 without it. */
    private static long machineBusyTicks() {
        try {
            String[] f =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
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

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
