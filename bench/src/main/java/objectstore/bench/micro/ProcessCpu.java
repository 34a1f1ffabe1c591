package objectstore.bench.micro;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark's JVM spends in each iteration (every thread: the benchmark's, the GC's, any I/O thread),
 * reported beside the score as {@code cpuNanos}. Divided by the operations, it is what one costs: a figure that moves
 * less with the rest of the machine's load than the time per operation does, though a JIT compiler still at work shows
 * in it too. The JVM counts it in clock ticks (10 ms), so iterations of a second or more keep the error small.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProcessCpu {

    /** CPU nanoseconds this JVM used during the iteration. */
    public long cpuNanos;

    private long start;

    @Setup(Level.Iteration)
    public void begin() {
        start = now();
    }

    @TearDown(Level.Iteration)
    public void end() {
        cpuNanos = now() - start;
    }

    /** CPU nanoseconds this JVM has used so far; 0 where the JVM does not say. */
    static long now() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
