package objectstore.bench.micro;

import objectstore.bench.ceiling.Cpu;
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
        start = Cpu.processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void end() {
        cpuNanos = Cpu.processCpuNanos() - start;
    }
}
