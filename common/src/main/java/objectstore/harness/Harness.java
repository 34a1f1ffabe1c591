package objectstore.harness;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

import objectstore.harness.Options;
import objectstore.provisioning.StoreInfo;
import objectstore.store.ObjectStore;

/**
 * The measurement harness every experiment shares.
 *
 * <p>A run is a warm-up pass (each phase once over {@code --warmup} objects, not counted: it gives the
 * JIT the code paths to compile), then {@code --rounds} counted rounds of every phase over
 * {@code --iterations} new objects. For each phase it reports the median round's rate with the min-max,
 * MiB/s, latency percentiles from an HdrHistogram, this process's CPU time per operation, errors, and
 * how many objects were verified.
 */
public final class Harness {

    private final Options options;
    private final StoreInfo store;
    private final String client;
    private final PrintStream out;
    private final LongSupplier retries;
    private long seed = 1;

    public Harness(Options options, StoreInfo store, String client, PrintStream out) {
        this(options, store, client, out, () -> 0);
    }

    /** A harness that also reports {@code retries}, the client's count of requests sent again, per phase. */
    public Harness(Options options, StoreInfo store, String client, PrintStream out, LongSupplier retries) {
        this.options = options;
        this.store = store;
        this.client = client;
        this.out = out;
        this.retries = retries;
    }

    /** A soak run instead of rounds: a mix of operations on {@code objectStore} for {@code --duration} seconds. */
    public RunResult soak(ObjectStore objectStore, String bucket, Runnable afterwards) throws Exception {
        Soak.Result soak = new Soak(objectStore, bucket, options, retries, out).run();
        afterwards.run();
        return new RunResult(options.experiment(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                store, client, settings(), machine(), List.of(soak.total()), new RunResult.Overall(0), soak.total().passed(), soak.intervals());
    }

    private RunResult.Settings settings() {
        return new RunResult.Settings(options.iterations(), options.size(), options.concurrency(), options.rounds(), options.warmup(), options.extras());
    }

    /** Runs the warm-up and the counted rounds of {@code phases}; {@code afterRound} (uncounted) empties the bucket. */
    public RunResult measure(List<Phase> phases, Runnable afterRound) throws Exception {
        // At most two sets of objects are alive at once: the latest PUT's (which the GETs read) and the next one's.
        long putPhases = phases.stream().filter(p -> p.kind() != Phase.Kind.GET).count();
        TestObjects.checkMemory(Math.min(2, putPhases) * Math.max(options.iterations(), options.warmup()), options.size());

        // 1. Warm-up: the same loops, uncounted; a store that fails here fails the run before any figure is shown.
        if (options.warmup() > 0) {
            long start = System.nanoTime();
            out.printf("warm-up: %d objects per phase ...%n", options.warmup());
            List<TestObject> latestPut = List.of();
            for (Phase phase : phases) {
                List<TestObject> objects = objectsFor(phase, options.warmup(), latestPut);
                Round round = runPhase(phase, objects);
                if (phase.kind() != Phase.Kind.GET) {
                    latestPut = objects;
                }
                if (round.recorder.errors() > 0) {
                    throw new WarmupFailed(phase.op(), round.recorder.errors(), round.recorder.failures());
                }
            }
            afterRound.run();
            out.printf("warm-up: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }

        // 2. Counted rounds.
        List<List<Round>> byPhase = new ArrayList<>();
        phases.forEach(p -> byPhase.add(new ArrayList<>()));
        for (int r = 1; r <= options.rounds(); r++) {
            List<TestObject> latestPut = List.of();
            for (int p = 0; p < phases.size(); p++) {
                Phase phase = phases.get(p);
                List<TestObject> objects = objectsFor(phase, options.iterations(), latestPut);
                Round round = runPhase(phase, objects);
                if (phase.kind() != Phase.Kind.GET) {
                    latestPut = objects;
                }
                byPhase.get(p).add(round);
                out.printf("round %d/%d  %s%n", r, options.rounds(), round.line(phase.op(), options.size()));
            }
            afterRound.run();
        }

        // 3. Medians over the rounds.
        List<PhaseResult> results = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            results.add(summarize(phases.get(p).op(), byPhase.get(p)));
        }
        return new RunResult(options.experiment(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                store, client, settings(), machine(), results, overall(results), results.stream().allMatch(PhaseResult::passed));
    }

    /** A phase's objects: {@code count} new ones for a PUT, the latest PUT's for a GET. */
    private List<TestObject> objectsFor(Phase phase, int count, List<TestObject> latestPut) {
        return phase.kind() == Phase.Kind.GET ? latestPut : TestObjects.make(count, options.size(), seed++);
    }

    /** One phase over its objects; the round keeps only the figures, not the objects. */
    private Round runPhase(Phase phase, List<TestObject> objects) throws Exception {
        Recorder recorder = new Recorder();
        System.gc(); // the previous phase's garbage is not this phase's cost
        long cpuStart = processCpuNanos();
        long retriesBefore = retries.getAsLong();
        long start = System.nanoTime();
        phase.body().run(objects, recorder);
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuStart;
        recorder.missing(objects.size() - recorder.completed(), phase.op());
        if (recorder.storeLost() != null) {
            throw new StoreLost(phase.op(), objects.size(), recorder.verified(), recorder.errors(), recorder.storeLost());
        }
        return new Round(objects.size(), recorder, elapsed, cpu, retries.getAsLong() - retriesBefore);
    }

    private PhaseResult summarize(String op, List<Round> rounds) {
        double[] rates = rounds.stream().mapToDouble(Round::itemsPerSecond).toArray();
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        Round median = rounds.stream().filter(r -> r.itemsPerSecond() == sorted[(sorted.length - 1) / 2]).findFirst().orElseThrow();
        Histogram all = new Histogram(3);
        List<String> failures = new ArrayList<>();
        long errors = 0;
        long retried = 0;
        long verified = Long.MAX_VALUE;
        for (Round round : rounds) {
            all.add(round.recorder.latencyMicros());
            errors += round.recorder.errors();
            retried += round.retries;
            verified = Math.min(verified, round.recorder.verified());
            for (String failure : round.recorder.failures()) {
                if (failures.size() < 5) {
                    failures.add(failure);
                }
            }
        }
        return new PhaseResult(op, options.iterations(), rounds.size(), errors, verified,
                round2(median.itemsPerSecond()), round2(sorted[0]), round2(sorted[sorted.length - 1]),
                round2(median.itemsPerSecond() * options.size() / (1024.0 * 1024.0)),
                round3(median.elapsedNanos / 1e9),
                new PhaseResult.Latency(round3(all.getValueAtPercentile(50) / 1000.0), round3(all.getValueAtPercentile(99) / 1000.0),
                        round3(all.getMaxValue() / 1000.0)),
                round2(median.cpuNanos / 1000.0 / Math.max(1, median.items)),
                Arrays.stream(rates).map(Harness::round2).boxed().toList(), failures, retried);
    }

    private static RunResult.Overall overall(List<PhaseResult> results) {
        PhaseResult put = main(results, "put_object");
        PhaseResult get = main(results, "get_object");
        if (put == null || get == null || put.itemsPerSecond() == 0 || get.itemsPerSecond() == 0) {
            return new RunResult.Overall(0);
        }
        double seconds = put.items() / put.itemsPerSecond() + get.items() / get.itemsPerSecond();
        return new RunResult.Overall(round2((put.items() + get.items()) / seconds));
    }

    /** The phase named exactly {@code op}, else its window ({@code op (window...)}: the recommended form), else its first variant. */
    private static PhaseResult main(List<PhaseResult> results, String op) {
        return results.stream().filter(r -> r.op().equals(op)).findFirst()
                .or(() -> results.stream().filter(r -> r.op().startsWith(op + " (window")).findFirst())
                .orElse(results.stream().filter(r -> r.op().startsWith(op)).findFirst().orElse(null));
    }

    static RunResult.Machine machine() {
        return new RunResult.Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** CPU time of this whole process (every thread), as the JVM reports it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** One phase of one round, as measured. */
    private record Round(int items, Recorder recorder, long elapsedNanos, long cpuNanos, long retries) {

        double itemsPerSecond() {
            return items / (elapsedNanos / 1e9);
        }

        String line(String op, int size) {
            Histogram h = recorder.latencyMicros();
            return String.format("%-34s %7d in %6.2f s %9.0f items/s %7.1f MiB/s  p50 %6.2f ms  p99 %7.2f ms  cpu %6.0f µs/op  verified %d  errors %d",
                    op, items, elapsedNanos / 1e9, itemsPerSecond(), itemsPerSecond() * size / 1048576.0,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    cpuNanos / 1000.0 / Math.max(1, items), recorder.verified(), recorder.errors())
                    + (retries > 0 ? "  retries " + retries : "");
        }
    }

    /** The store stopped answering during a phase: the run ends there, with what was verified and what failed. */
    public static final class StoreLost extends Exception {
        public StoreLost(String op, int items, long verified, long errors, String lastFailure) {
            super(op + ": the store stopped answering; " + verified + " of " + items + " operations verified, " + errors
                    + " failed or not attempted; last failure: " + lastFailure, null, false, false);
        }
    }

    /** The warm-up pass failed: the store or the client is not working, so no figure would be honest. */
    public static final class WarmupFailed extends Exception {
        public WarmupFailed(String op, long errors, List<String> failures) {
            super("warm-up " + op + " had " + errors + " errors; first: " + (failures.isEmpty() ? "?" : failures.getFirst()), null, false, false);
        }
    }
}
