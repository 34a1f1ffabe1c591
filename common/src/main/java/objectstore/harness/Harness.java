package objectstore.harness;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import objectstore.provisioning.StoreInfo;
import objectstore.store.ObjectStore;
import org.HdrHistogram.Histogram;

/**
 * The measurement harness every experiment shares.
 *
 * <p>A run is a warm-up, then {@code --rounds} counted rounds of every phase over {@code --iterations} new objects. The
 * warm-up repeats passes of every phase (uncounted) until two passes in a row agree, so that the figures measure the
 * client and the store, not their JITs warming up. For each phase it reports the median round's rate with the min-max
 * and their spread, MiB/s, latency percentiles from an HdrHistogram, this process's CPU time and heap allocation per
 * operation, the cores the client, the store and the rest of the machine kept busy, what limited the rate, errors, and
 * how many objects were verified.
 */
public final class Harness {

    /** Two warm-up passes agree when every phase's rate, and the CPU per operation, differ by at most this. */
    public static final double WARMUP_TOLERANCE_PERCENT = 10;
    /** A warm-up pass shorter than this is doubled (up to --iterations): too short to read CPU time from. */
    static final double WARMUP_PASS_MIN_SECONDS = 1.0;
    /** A phase whose rounds' rates spread wider than this (around their median) is marked unsteady. */
    public static final double STEADY_SPREAD_PERCENT = 20;
    /** The machine counts as busy when other processes kept at least this many cores busy during the rounds. */
    public static final double BUSY_CORES = 0.25;
    /** A side whose CPU reached this share of what it could use was the limit. */
    static final double SATURATED = 0.85;

    private final Options options;
    private StoreInfo store;
    private Supplier<StoreInfo> storeAfterPut;
    private final String client;
    private final PrintStream out;
    private final LongSupplier retries;
    private final Supplier<List<Long>> storePids;
    private LongSupplier connectionsOpened = () -> -1;
    private StartGate gate;
    private long seed = 1;

    public Harness(Options options, StoreInfo store, String client, PrintStream out) {
        this(options, store, client, out, () -> 0, List::of);
    }

    /**
     * A harness that also reports {@code retries}, the client's count of requests sent again, per phase, and reads the
     * CPU time of the store's processes ({@code storePids}: none for a store this run did not start).
     */
    public Harness(
            Options options,
            StoreInfo store,
            String client,
            PrintStream out,
            LongSupplier retries,
            Supplier<List<Long>> storePids) {
        this.options = options;
        this.store = store;
        this.client = client;
        this.out = out;
        this.retries = retries;
        this.storePids = storePids;
    }

    /**
     * Makes the counted rounds (or the soak) wait at {@code gate} for the other client hosts (docs/scale-out.md); null:
     * start at once.
     */
    public Harness startingTogether(StartGate gate) {
        this.gate = gate;
        return this;
    }

    /**
     * Reports per phase how many connections the client opened ({@code opened}: the client's count since it opened; -1
     * for a client that does not count them). An open loop that opens a connection per request shows here.
     */
    public Harness countingConnections(LongSupplier opened) {
        this.connectionsOpened = opened;
        return this;
    }

    /**
     * Asks {@code storeAfterPut} for the store's description right after the first counted PUT phase, uncounted, and
     * reports that one: a Redis Cluster says there how many of the run's keys each master held.
     */
    public Harness afterFirstPut(Supplier<StoreInfo> storeAfterPut) {
        this.storeAfterPut = storeAfterPut;
        return this;
    }

    /** A soak run instead of rounds: a mix of operations on {@code objectStore} for {@code --duration} seconds. */
    public RunResult soak(ObjectStore objectStore, String bucket, Runnable afterwards) throws Exception {
        if (gate != null) {
            gate.await(out);
        }
        Soak.Result soak = new Soak(objectStore, bucket, options, retries, out).run();
        afterwards.run();
        return new RunResult(
                options.experiment(),
                now(),
                store,
                client,
                settings(),
                machine(null),
                null,
                List.of(soak.total()),
                new RunResult.Overall(0),
                soak.total().passed(),
                soak.intervals());
    }

    /** Runs the warm-up and the counted rounds of {@code phases}; {@code afterRound} (uncounted) empties the bucket. */
    public RunResult measure(List<Phase> phases, Runnable afterRound) throws Exception {
        // At most two sets of objects are alive at once: the latest PUT's (which the GETs read) and the next one's.
        long putPhases = phases.stream().filter(p -> p.kind() != Phase.Kind.GET).count();
        TestObjects.checkMemory(
                Math.min(2, putPhases) * Math.max(options.iterations(), options.warmup()), options.size());

        // 1. Warm-up, until steady; a store that fails here fails the run before any figure is shown.
        RunResult.Warmup warmup = options.warmup() > 0
                ? WarmUp.untilSteady(options, out, objects -> {
                    WarmUp.Pass pass = warmUpPass(phases, objects);
                    afterRound.run();
                    return pass;
                })
                : null;

        // 2. Counted rounds, begun together with the other client hosts when there is a start gate.
        if (gate != null) {
            gate.await(out);
        }
        List<List<Round>> byPhase = new ArrayList<>();
        phases.forEach(p -> byPhase.add(new ArrayList<>()));
        double otherCoreSeconds = 0;
        double seconds = 0;
        for (int r = 1; r <= options.rounds(); r++) {
            List<TestObject> latestPut = List.of();
            for (int p : order(phases, r)) {
                Phase phase = phases.get(p);
                List<TestObject> objects = objectsFor(phase, options.iterations(), latestPut);
                Round round = runPhase(phase, objects);
                if (phase.kind() != Phase.Kind.GET) {
                    latestPut = objects;
                    if (storeAfterPut != null) {
                        store = storeAfterPut.get();
                        storeAfterPut = null;
                    }
                }
                byPhase.get(p).add(round);
                if (round.cores().other() != null) {
                    otherCoreSeconds += round.cores().other() * round.elapsedNanos() / 1e9;
                    seconds += round.elapsedNanos() / 1e9;
                }
                out.printf("round %d/%d  %s%n", r, options.rounds(), round.line(phase.op(), options.size()));
            }
            afterRound.run();
        }

        // 3. Medians over the rounds.
        List<PhaseResult> results = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            results.add(Round.summarize(phases.get(p), byPhase.get(p), options, store));
        }
        Double other = seconds > 0 ? round2(otherCoreSeconds / seconds) : null;
        return new RunResult(
                options.experiment(),
                now(),
                store,
                client,
                settings(),
                machine(other),
                warmup,
                results,
                RunResult.Overall.of(results),
                results.stream().allMatch(PhaseResult::passed));
    }

    /** One uncounted pass of every phase; fails the run on any error. */
    private WarmUp.Pass warmUpPass(List<Phase> phases, int objectsPerPhase) throws Exception {
        List<TestObject> latestPut = List.of();
        double[] rates = new double[phases.size()];
        long cpu = 0;
        long items = 0;
        long elapsed = 0;
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            List<TestObject> objects = objectsFor(phase, objectsPerPhase, latestPut);
            Round round = runPhase(phase, objects);
            if (phase.kind() != Phase.Kind.GET) {
                latestPut = objects;
            }
            if (round.recorder().errors() > 0) {
                throw new WarmupFailed(
                        phase.op(), round.recorder().errors(), round.recorder().failures());
            }
            rates[p] = round.itemsPerSecond();
            cpu += round.cpuNanos();
            items += round.items();
            elapsed += round.elapsedNanos();
        }
        return new WarmUp.Pass(
                phases.stream().map(Phase::op).toList(),
                rates,
                cpu / 1000.0 / Math.max(1, items),
                cpu / 1e9,
                elapsed / 1e9);
    }

    /*
     * The order of the phases in round r. Fixed: as the chapter lists them. Alternate: every other round
     * runs the groups (a PUT phase and the GET phases after it, which read what it put) in reverse order,
     * so a phase that gains or loses from its position in a round shows it.
     */
    private int[] order(List<Phase> phases, int round) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            if (phases.get(p).kind() != Phase.Kind.GET || groups.isEmpty()) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(p);
        }
        if (options.order().equals("alternate") && round % 2 == 0) {
            java.util.Collections.reverse(groups);
        }
        return groups.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
    }

    private RunResult.Settings settings() {
        java.util.Map<String, String> extras = new java.util.LinkedHashMap<>(options.extras());
        if (!options.order().equals("fixed")) {
            extras.put("order", options.order());
        }
        return new RunResult.Settings(
                options.iterations(),
                options.size(),
                options.concurrency(),
                options.rounds(),
                options.warmup(),
                java.util.Map.copyOf(extras));
    }

    /** A phase's objects: {@code count} new ones for a PUT, the latest PUT's for a GET. */
    private List<TestObject> objectsFor(Phase phase, int count, List<TestObject> latestPut) {
        return phase.kind() == Phase.Kind.GET ? latestPut : TestObjects.make(count, options.size(), seed++);
    }

    /** One phase over its objects; the round keeps only the figures, not the objects. */
    private Round runPhase(Phase phase, List<TestObject> objects) throws Exception {
        Recorder recorder = new Recorder();
        System.gc(); // the previous phase's garbage is not this phase's cost
        List<Long> pids = storePids.get();
        long retriesBefore = retries.getAsLong();
        long openedBefore = connectionsOpened.getAsLong();
        Instant startedAt = Instant.now();
        Resources.Sample before = Resources.now(pids);
        phase.body().run(objects, recorder);
        Resources.Sample after = Resources.now(pids);
        Instant endedAt = Instant.now();
        recorder.missing(objects.size() - recorder.completed(), phase.op());
        if (recorder.storeLost() != null) {
            throw new StoreLost(
                    phase.op(),
                    store.endpoint(),
                    objects.size(),
                    recorder.verified(),
                    recorder.errors(),
                    recorder.storeLost());
        }
        return new Round(
                objects.size(),
                recorder,
                after.wallNanos() - before.wallNanos(),
                after.selfCpuNanos() - before.selfCpuNanos(),
                after.allocatedBytes() - before.allocatedBytes(),
                retries.getAsLong() - retriesBefore,
                openedBefore < 0 ? -1 : connectionsOpened.getAsLong() - openedBefore,
                Resources.between(before, after, !pids.isEmpty()),
                startedAt,
                endedAt);
    }

    /*
     * What held a phase's rate back. When the machine's cores were all in use (client + store + the rest
     * at SATURATED of them or more), whichever of the client and the store used more of them: the other
     * could not get more; or, when other processes used more than either, those (a busy machine).
     * When Redis, which runs commands on one thread, kept one core busy: the store.
     * Otherwise neither side ran out of CPU, and the loop spent its time waiting for answers: round trips.
     * For a store this run did not start (no CPU figure), only the client can be named; otherwise the
     * answer is "not the client".
     */
    public static String limitedBy(PhaseResult.Cores cores, String storeProduct) {
        int available = Runtime.getRuntime().availableProcessors();
        if (cores.store() == null) {
            return cores.client() >= SATURATED * available ? "client" : "not the client";
        }
        double other = cores.other() == null ? 0 : cores.other();
        if (cores.client() + cores.store() + other >= SATURATED * available) {
            if (other > Math.max(cores.client(), cores.store())) {
                return "other processes";
            }
            return cores.client() >= cores.store() ? "client" : "store";
        }
        if (storeProduct.startsWith("Redis") && cores.store() >= SATURATED) {
            return "store";
        }
        return "round trips";
    }

    /** The machine, and how busy other processes kept it during the counted rounds (null when unknown). */
    public static RunResult.Machine machine(Double otherCpuCores) {
        return new RunResult.Machine(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20,
                otherCpuCores,
                otherCpuCores == null ? null : otherCpuCores >= BUSY_CORES);
    }

    /** CPU time of this whole process (every thread), as the JVM reports it. */
    static long processCpuNanos() {
        return Resources.processCpuNanos();
    }

    /** A histogram as HdrHistogram's compressed encoding, in base64. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The store stopped answering during a phase: the run ends there, with what was verified and what failed. */
    public static final class StoreLost extends Exception {
        public StoreLost(String op, String endpoint, int items, long verified, long errors, String lastFailure) {
            super(
                    op + ": the store at " + endpoint + " stopped answering; " + verified + " of " + items
                            + " operations verified, " + errors + " failed or not attempted; last failure: "
                            + lastFailure,
                    null,
                    false,
                    false);
        }
    }

    /** The warm-up pass failed: the store or the client is not working, so no figure would be honest. */
    public static final class WarmupFailed extends Exception {
        public WarmupFailed(String op, long errors, List<String> failures) {
            super(
                    "warm-up " + op + " had " + errors + " errors; first: "
                            + (failures.isEmpty() ? "?" : failures.getFirst()),
                    null,
                    false,
                    false);
        }
    }
}
