package objectstore.harness;

import java.io.PrintStream;

/** Prints a run's results for a person: what the warm-up took, one line per phase, medians with the min-max. */
final class Summary {

    private Summary() {}

    static void print(RunResult result, PrintStream out) {
        out.printf(
                "%nresults: %s on %s, %s%n",
                result.experiment(), result.store().line().substring("store: ".length()), result.date());
        RunResult.Machine machine = result.machine();
        out.printf(
                "  (median of %d rounds, min-max in brackets; %d cores, %s%s)%n",
                result.settings().rounds(),
                machine.cores(),
                machine.jvm(),
                machine.otherCpuCores() == null
                        ? ""
                        : String.format(
                                "; other processes used %.2f cores%s",
                                machine.otherCpuCores(), machine.busy() ? ": BUSY" : ""));
        if (result.warmup() != null) {
            out.printf(
                    "  warm-up: %d passes in %.1f s, %s%n",
                    result.warmup().passes(),
                    result.warmup().seconds(),
                    result.warmup().steady() ? "steady" : "NOT STEADY (stopped at the cap)");
        }
        for (PhaseResult p : result.phases()) {
            if (!p.passed()) {
                out.printf("  %-34s FAILED: verified %d/%d, errors %d%n", p.op(), p.verified(), p.items(), p.errors());
            } else {
                out.printf(
                        "  %-34s %9.0f items/s (%.0f-%.0f)%s %7.1f MiB/s  p50 %.2f ms  p99 %.2f ms  max %.1f ms"
                                + "  cpu %.0f µs/op  %.0f B/op  limited by %s  verified %d/%d  errors %d%s%n",
                        p.op(),
                        p.itemsPerSecond(),
                        p.itemsPerSecondMin(),
                        p.itemsPerSecondMax(),
                        p.steady() ? "" : String.format(" UNSTEADY (rounds spread %.0f%%)", p.spreadPercent()),
                        p.mibPerSecond(),
                        p.latencyMs().p50(),
                        p.latencyMs().p99(),
                        p.latencyMs().max(),
                        p.cpuMicrosPerOp(),
                        p.allocatedBytesPerOp(),
                        p.limitedBy(),
                        p.verified(),
                        p.items(),
                        p.errors(),
                        (p.retries() > 0 ? "  retries " + p.retries() : "")
                                + (p.connectionsOpened() != null && p.connectionsOpened() > 0
                                        ? "  connections opened " + p.connectionsOpened()
                                        : ""));
            }
            if (p.passed() && p.bytesPerSecond() != null) {
                out.printf(
                        "  %-34s %.1f Gbit/s  %.2f CPU-s/GiB  %,.0f B allocated/GiB  peak memory %,d MiB%s%n",
                        "",
                        p.gbitsPerSecond(),
                        p.cpuSecondsPerGiB(),
                        p.allocatedBytesPerGiB(),
                        p.peakMemoryBytes() >> 20,
                        p.firstByteMs() == null
                                ? ""
                                : String.format(
                                        "  first byte p50 %.1f ms p99 %.1f ms",
                                        p.firstByteMs().p50(), p.firstByteMs().p99()));
            }
            if (p.serviceLatencyMs() != null) {
                out.printf(
                        "  %-34s offered %,.0f/s: latency from the intended start p50 %.2f ms p99 %.2f ms;"
                                + " service time p50 %.2f ms p99 %.2f ms%n",
                        "",
                        p.offeredPerSecond(),
                        p.latencyMs().p50(),
                        p.latencyMs().p99(),
                        p.serviceLatencyMs().p50(),
                        p.serviceLatencyMs().p99());
            }
            for (String failure : p.failures()) {
                out.println("      " + failure);
            }
        }
        if (result.overall().putThenGetItemsPerSecond() > 0) {
            out.printf(
                    "  %-34s %9.0f items/s%n",
                    "overall (put_object + get_object)", result.overall().putThenGetItemsPerSecond());
        }
    }
}
