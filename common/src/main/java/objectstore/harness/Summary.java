package objectstore.harness;

import java.io.PrintStream;

/** Prints a run's results for a person: one line per phase, medians with the min-max. */
final class Summary {

    private Summary() {
    }

    static void print(RunResult result, PrintStream out) {
        out.printf("%nresults: %s on %s, %s%n", result.experiment(), result.store().line().substring("store: ".length()), result.date());
        out.printf("  (median of %d rounds, min-max in brackets; %d cores, %s)%n", result.settings().rounds(), result.machine().cores(),
                result.machine().jvm());
        for (PhaseResult p : result.phases()) {
            out.printf("  %-34s %9.0f items/s (%.0f-%.0f) %7.1f MiB/s  p50 %.2f ms  p99 %.2f ms  max %.1f ms  cpu %.0f µs/op  verified %d/%d  errors %d%s%s%n",
                    p.op(), p.itemsPerSecond(), p.itemsPerSecondMin(), p.itemsPerSecondMax(), p.mibPerSecond(), p.latencyMs().p50(),
                    p.latencyMs().p99(), p.latencyMs().max(), p.cpuMicrosPerOp(), p.verified(), p.items(), p.errors(),
                    p.retries() > 0 ? "  retries " + p.retries() : "", p.passed() ? "" : "  FAILED");
            for (String failure : p.failures()) {
                out.println("      " + failure);
            }
        }
        if (result.overall().putThenGetItemsPerSecond() > 0) {
            out.printf("  %-34s %9.0f items/s%n", "overall (put_object + get_object)", result.overall().putThenGetItemsPerSecond());
        }
    }
}
