package objectstore.bench.ceiling;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warm-up rule, the harness's own: short runs, repeated until two in a row agree within 10% for every op; capped,
 * and then recorded as not steady. The first use warms the server (and its JIT, for S3Proxy) with the tool; the second
 * warms the client's JIT with the client.
 */
final class Warmup {

    static final double TOLERANCE_PERCENT = 10;

    /** One warm-up run: the rate of each op, by name. */
    @FunctionalInterface
    interface Run {
        Map<String, Double> perSecond() throws Exception;
    }

    private Warmup() {}

    /** How long one warm-up run lasts: 5 s, or the measurement's length when that is shorter. */
    static int runSeconds(int seconds) {
        return Math.min(5, seconds);
    }

    /** Runs {@code run} until two in a row agree, or until {@code capSeconds} have passed; at least twice. */
    static CeilingRecord.Warmup untilSteady(String who, int runSeconds, int capSeconds, Run run, PrintStream out)
            throws Exception {
        long start = System.nanoTime();
        List<Map<String, Double>> runs = new ArrayList<>();
        boolean steady = false;
        while (true) {
            Map<String, Double> rates = new LinkedHashMap<>();
            run.perSecond().forEach((op, rate) -> rates.put(op, Math.round(rate * 100) / 100.0));
            runs.add(rates);
            out.printf("warm-up (%s): run %d  %s%n", who, runs.size(), line(rates));
            steady = runs.size() >= 2 && agree(runs.get(runs.size() - 2), rates);
            if (steady || (runs.size() >= 2 && System.nanoTime() - start >= capSeconds * 1_000_000_000L)) {
                break;
            }
        }
        double took = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        out.printf(
                Locale.ROOT,
                steady
                        ? "warm-up (%s): steady after %d runs, %.1f s%n"
                        : "warm-up (%s): NOT STEADY after %d runs, %.1f s (the cap):"
                                + " the figures below may still include warm-up%n",
                who,
                runs.size(),
                took);
        return new CeilingRecord.Warmup(
                runs.size(), took, steady, runSeconds, capSeconds, TOLERANCE_PERCENT, List.copyOf(runs));
    }

    static boolean agree(Map<String, Double> before, Map<String, Double> now) {
        for (Map.Entry<String, Double> op : now.entrySet()) {
            double a = op.getValue();
            double b = before.getOrDefault(op.getKey(), 0.0);
            if (Math.abs(a - b) > TOLERANCE_PERCENT / 100 * Math.max(a, b)) {
                return false;
            }
        }
        return true;
    }

    private static String line(Map<String, Double> rates) {
        StringBuilder line = new StringBuilder();
        rates.forEach((op, rate) -> line.append(String.format(Locale.ROOT, "%s %,.0f/s  ", op, rate)));
        return line.toString().strip();
    }
}
