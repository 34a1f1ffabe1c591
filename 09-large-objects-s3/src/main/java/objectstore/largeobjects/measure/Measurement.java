package objectstore.largeobjects.measure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import objectstore.harness.Harness;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.largeobjects.clients.Client;
import objectstore.largeobjects.clients.LargeObjectClient;
import objectstore.store.ObjectStore;

/**
 * One client's phases, in its own JVM: a warm-up, then {@code rounds} rounds of a PUT phase (every source file, one
 * after the other) and a GET phase (every object back into a file), each object removed once the round is over. A phase
 * of a round is one stretch for memory: the heap is collected before it, and the peak read after it.
 */
final class Measurement {

    private final ClientRun run;
    private final Client client;
    private final LargeObjectClient transfers;
    private final Transfers moves;
    private final ObjectStore admin;
    private final PrintStream out;
    private final ProcessMemory memory = new ProcessMemory();
    private final long baselineBytes;
    private final Map<Source, String> eTags = new LinkedHashMap<>();

    Measurement(
            ClientRun run,
            Client client,
            LargeObjectClient transfers,
            ObjectStore admin,
            long baselineBytes,
            PrintStream out) {
        this.run = run;
        this.client = client;
        this.transfers = transfers;
        this.moves = new Transfers(transfers, run.bucket(), run.storePids());
        this.admin = admin;
        this.baselineBytes = baselineBytes;
        this.out = out;
    }

    /** The warm-up, the counted rounds, and the phases' figures. */
    ClientRun.Answer measure() throws IOException {
        long size = run.sources().getFirst().size();
        for (Source source : run.sources()) {
            LargeObjectClient.Plan plan = transfers.plan(size, true);
            eTags.put(source, plan.multipart() ? Digests.multipartETag(source.file(), plan.partSize()) : source.md5());
        }
        boolean gets = client.noGetBecause(run.onS3Proxy()) == null;
        String putOp = client.putPhase(run.onS3Proxy());
        RunResult.Warmup warmup = warmUp(gets);

        List<PhaseSummary.Round> puts = new ArrayList<>();
        List<PhaseSummary.Round> getsMeasured = new ArrayList<>();
        for (int r = 1; r <= run.rounds(); r++) {
            String prefix = client.label() + "/round-" + r + "/";
            List<Source> sources = run.sources();
            puts.add(round(r, putOp, sources, (i, s) -> moves.put(prefix + i, s, eTags.get(s))));
            if (gets) {
                getsMeasured.add(round(r, client.getPhase(), sources, (i, s) -> moves.get(prefix + i, s, download(i))));
            }
            remove(prefix, sources.size());
        }

        List<PhaseResult> phases = new ArrayList<>();
        phases.add(summary(putOp, puts, true));
        if (gets) {
            phases.add(summary(client.getPhase(), getsMeasured, false));
        }
        return new ClientRun.Answer(transfers.description(), phases, warmup);
    }

    /*
     * The warm-up rule, as the harness's: passes of --warmup objects each way, uncounted, until two
     * passes in a row agree within 10% on every phase's rate, or until --warmup-seconds have passed;
     * and at most MAX_WARMUP_PASSES. One pass of large objects runs a client's code over thousands of
     * buffers, enough for the JIT; what still moves the rates after that is the machine, which more
     * passes do not settle. A warm-up that ends unsteady is recorded so.
     */
    static final int MAX_WARMUP_PASSES = 5;

    private RunResult.Warmup warmUp(boolean gets) {
        int objects = Math.min(run.warmup(), run.sources().size());
        if (objects == 0) {
            return null;
        }
        long start = System.nanoTime();
        double[] before = null;
        int passes = 0;
        boolean steady = false;
        while (!steady && passes < MAX_WARMUP_PASSES && (System.nanoTime() - start) / 1e9 < run.warmupSeconds()) {
            passes++;
            String prefix = client.label() + "/warmup-" + passes + "/";
            List<Source> sources = run.sources().subList(0, objects);
            double[] rates = new double[gets ? 2 : 1];
            rates[0] = rate(sources, (i, s) -> moves.put(prefix + i, s, eTags.get(s)));
            if (gets) {
                rates[1] = rate(sources, (i, s) -> moves.get(prefix + i, s, download(i)));
            }
            remove(prefix, objects);
            steady = before != null && agree(before, rates);
            out.printf(Locale.ROOT, "warm-up: pass %d %s%n", passes, line(rates));
            before = rates;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "warm-up: %s after %d passes in %.1f s%n",
                steady ? "steady" : "NOT STEADY",
                passes,
                seconds);
        return new RunResult.Warmup(
                passes,
                Math.round(seconds * 10) / 10.0,
                steady,
                Harness.WARMUP_TOLERANCE_PERCENT,
                objects,
                run.warmupSeconds());
    }

    private double rate(List<Source> sources, BiFunction<Integer, Source, Transfers.Item> move) {
        long nanos = 0;
        for (int i = 0; i < sources.size(); i++) {
            Transfers.Item item = move.apply(i, sources.get(i));
            if (item.failure() != null) {
                throw new IllegalStateException("warm-up: " + item.failure());
            }
            nanos += item.nanos();
        }
        return sources.size() * (double) sources.getFirst().size() / (nanos / 1e9);
    }

    private static boolean agree(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > Harness.WARMUP_TOLERANCE_PERCENT / 100 * Math.max(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    private static String line(double[] rates) {
        StringBuilder line = new StringBuilder();
        for (double rate : rates) {
            line.append(String.format(Locale.ROOT, " %,.0f MiB/s", rate / (1 << 20)));
        }
        return line.toString().strip();
    }

    /** One phase of one round: every source once, the heap collected before, the memory's peak read after. */
    private PhaseSummary.Round round(
            int r, String op, List<Source> sources, BiFunction<Integer, Source, Transfers.Item> move) {
        System.gc(); // the previous phase's garbage is not this phase's cost
        memory.startPeak();
        Instant startedAt = Instant.now();
        List<Transfers.Item> items = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            items.add(move.apply(i, sources.get(i)));
        }
        PhaseSummary.Round round = new PhaseSummary.Round(items, memory.stopPeak(), startedAt, Instant.now());
        long errors = items.stream().filter(item -> item.failure() != null).count();
        double seconds = round.nanos() / 1e9;
        double bytes = (double) items.size() * sources.getFirst().size();
        out.printf(
                Locale.ROOT,
                "round %d/%d  %-40s %7d in %6.2f s %9.0f items/s %8.1f MiB/s %6.2f Gbit/s  cpu %6.2f s/GiB"
                        + "  peak %,6d MiB  verified %d  errors %d%s%n",
                r,
                run.rounds(),
                op,
                items.size(),
                seconds,
                round.itemsPerSecond(),
                bytes / seconds / (1 << 20),
                bytes * 8 / seconds / 1e9,
                round.cpuNanos() / 1e9 / (bytes / (1L << 30)),
                Math.max(0, round.peakMemoryBytes() - baselineBytes) >> 20,
                items.size() - errors,
                errors,
                errors == 0
                        ? ""
                        : "; first: "
                                + items.stream()
                                        .filter(item -> item.failure() != null)
                                        .findFirst()
                                        .orElseThrow()
                                        .failure());
        return round;
    }

    private PhaseResult summary(String op, List<PhaseSummary.Round> rounds, boolean put) {
        long size = run.sources().getFirst().size();
        LargeObjectClient.Plan plan = transfers.plan(size, put);
        String verified = put
                ? (plan.multipart()
                        ? "the ETag is the MD5 of the " + plan.parts() + " parts' MD5s, -" + plan.parts()
                                + ", as computed from the file"
                        : "the ETag is the file's MD5")
                : "the file's SHA-256 is the source's";
        PhaseResult.Transfer transfer = new PhaseResult.Transfer(
                transfers.description(),
                size,
                plan.partSize(),
                plan.parallel(),
                plan.parts(),
                transfers.checksum(),
                verified,
                memory.method() + ", over the JVM's resident memory before the client was opened");
        return PhaseSummary.of(
                op,
                put ? Phase.Kind.PUT : Phase.Kind.GET,
                rounds,
                size,
                baselineBytes,
                !run.storePids().isEmpty(),
                run.storeProduct(),
                transfer);
    }

    private Path download(int index) {
        return run.downloads().resolve(client.label() + "-" + index);
    }

    /** Removes a round's objects, uncounted. */
    private void remove(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            admin.deleteObject(run.bucket(), prefix + i).join();
        }
    }
}
