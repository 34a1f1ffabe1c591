package objectstore.largeobjects.measure;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import objectstore.harness.Harness;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.harness.Resources;
import org.HdrHistogram.Histogram;

/**
 * A phase's figures over its counted rounds, as every chapter reports them (docs/results-json.md), with the
 * large-object ones beside them: bytes per second, CPU seconds and heap bytes per GiB, peak memory, time to the first
 * byte. The rates are the median round's; the latencies cover every object of every round.
 */
final class PhaseSummary {

    private static final double GIB = 1L << 30;

    /** One counted round of the phase: its objects, and the most memory the process held meanwhile. */
    record Round(List<Transfers.Item> items, long peakMemoryBytes, Instant startedAt, Instant endedAt) {

        long nanos() {
            return items.stream().mapToLong(Transfers.Item::nanos).sum();
        }

        double itemsPerSecond() {
            return items.size() / Math.max(1e-9, nanos() / 1e9);
        }

        long cpuNanos() {
            return items.stream()
                    .mapToLong(i -> i.after().selfCpuNanos() - i.before().selfCpuNanos())
                    .sum();
        }

        long allocatedBytes() {
            return items.stream()
                    .mapToLong(i -> i.after().allocatedBytes() - i.before().allocatedBytes())
                    .sum();
        }
    }

    private PhaseSummary() {}

    /**
     * The phase {@code op} over {@code rounds} of objects of {@code size} bytes; {@code baselineBytes} is what the JVM
     * held before its client was opened, {@code storeKnown} whether the store's CPU could be read.
     */
    static PhaseResult of(
            String op,
            Phase.Kind kind,
            List<Round> rounds,
            long size,
            long baselineBytes,
            boolean storeKnown,
            String storeProduct,
            PhaseResult.Transfer transfer) {
        List<Round> byRate = rounds.stream()
                .sorted(Comparator.comparingDouble(Round::itemsPerSecond))
                .toList();
        Round median = byRate.get((byRate.size() - 1) / 2);
        double slowest = byRate.getFirst().itemsPerSecond();
        double fastest = byRate.getLast().itemsPerSecond();
        double rate = median.itemsPerSecond();
        double spread = rate > 0 ? 100 * (fastest - slowest) / rate : 0;

        Histogram latency = new Histogram(3);
        Histogram firstByte = new Histogram(3);
        List<String> failures = new ArrayList<>();
        long errors = 0;
        long verified = Long.MAX_VALUE;
        long peak = 0;
        double client = 0;
        double store = 0;
        double other = 0;
        double seconds = 0;
        for (Round round : rounds) {
            long ok = 0;
            for (Transfers.Item item : round.items()) {
                latency.recordValue(Math.max(0, item.nanos() / 1_000));
                if (item.firstByteNanos() >= 0) {
                    firstByte.recordValue(Math.max(0, item.firstByteNanos() / 1_000));
                }
                if (item.failure() == null) {
                    ok++;
                } else {
                    errors++;
                    if (failures.size() < 5) {
                        failures.add(item.failure());
                    }
                }
                Resources.Share share = Resources.between(item.before(), item.after(), storeKnown);
                double s = item.nanos() / 1e9;
                seconds += s;
                client += share.client() * s;
                store += share.store() == null ? 0 : share.store() * s;
                other += share.other() == null ? 0 : share.other() * s;
            }
            verified = Math.min(verified, ok);
            peak = Math.max(peak, round.peakMemoryBytes());
        }
        boolean proc = rounds.getFirst().items().getFirst().after().machineBusyNanos() > 0;
        PhaseResult.Cores cores = new PhaseResult.Cores(
                round2(client / seconds),
                storeKnown && proc ? round2(store / seconds) : null,
                proc ? round2(other / seconds) : null);
        int items = median.items().size();
        double bytes = (double) items * size;
        double medianSeconds = median.nanos() / 1e9;
        return new PhaseResult(
                op,
                kind,
                Loop.FILE_TRANSFER,
                items,
                rounds.size(),
                errors,
                verified,
                round2(rate),
                round2(slowest),
                round2(fastest),
                round2(spread),
                spread <= Harness.STEADY_SPREAD_PERCENT,
                round2(rate * size / (1024.0 * 1024.0)),
                Math.round(medianSeconds * 1000) / 1000.0,
                PhaseResult.Latency.of(latency),
                null,
                null,
                round2(median.cpuNanos() / 1000.0 / items),
                Math.round((double) median.allocatedBytes() / items),
                cores,
                Harness.limitedBy(cores, storeProduct),
                rounds.stream().map(r -> round2(r.itemsPerSecond())).toList(),
                failures,
                0,
                millis(rounds.getFirst().startedAt()),
                millis(rounds.getLast().endedAt()),
                Harness.encode(latency),
                null,
                null,
                round2(bytes / medianSeconds),
                round2(bytes * 8 / medianSeconds / 1e9),
                Math.round(median.cpuNanos() / 1e9 / (bytes / GIB) * 1000) / 1000.0,
                round2(median.allocatedBytes() / (bytes / GIB)),
                Math.max(0, peak - baselineBytes),
                firstByte.getTotalCount() == 0 ? null : PhaseResult.Latency.of(firstByte),
                transfer);
    }

    private static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
