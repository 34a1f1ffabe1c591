package objectstore.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import objectstore.store.ObjectStore;
import objectstore.util.Causes;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A soak run ({@code --duration SECONDS}): instead of rounds over a fixed set of objects, a steady mix of PUT, GET,
 * LIST and DELETE (4:4:1:1) with {@code --concurrency} in flight, for as long as asked. Every interval prints one line
 * (and gives one JSON entry): operations per second, p50/p99, errors, retries. A long run that slows down, leaks or
 * starts failing shows it here, interval by interval.
 */
final class Soak {

    /** Objects kept in the bucket at most; beyond it a PUT turns into a DELETE, so the bucket stays small. */
    static final int LIVE_OBJECTS_CAP = 1_000;
    /** How long the in-flight operations may take to finish after the last interval. */
    static final long DRAIN_SECONDS = 120;

    private final ObjectStore store;
    private final String bucket;
    private final Options options;
    private final LongSupplier retries;
    private final PrintStream out;
    private final ConcurrentLinkedQueue<TestObject> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveCount = new AtomicInteger();
    private final AtomicReference<Interval> current = new AtomicReference<>(new Interval());
    private final Histogram allLatencies = new ConcurrentHistogram(3);
    private final LongAdder bytesMoved = new LongAdder();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private long seed = 1;
    private java.time.Instant startedAt;

    Soak(ObjectStore store, String bucket, Options options, LongSupplier retries, PrintStream out) {
        this.store = store;
        this.bucket = bucket;
        this.options = options;
        this.retries = retries;
        this.out = out;
    }

    /** What a soak measured: each interval, and the whole run as one phase. */
    record Result(List<RunResult.SoakInterval> intervals, PhaseResult total) {}

    /** The reporting interval: 10 s, or a fifth of a run shorter than 50 s (at least 1 s). */
    static long intervalMillis(int durationSeconds) {
        return Math.min(10_000, Math.max(1_000, durationSeconds * 1000L / 5));
    }

    Result run() throws InterruptedException {
        int concurrency = options.concurrency();
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis(options.duration()));
        out.printf(
                "soak: %d s of put/get/list/delete (4:4:1:1), %d in flight, objects of %d bytes, a line every %d s%n",
                options.duration(), concurrency, options.size(), TimeUnit.NANOSECONDS.toSeconds(intervalNanos));
        List<RunResult.SoakInterval> intervals = new ArrayList<>();
        Semaphore inFlight = new Semaphore(concurrency);
        long cpuStart = Harness.processCpuNanos();
        long allocatedStart = Resources.allocatedBytes();
        startedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long retriesStart = retries.getAsLong();
        long retriesAtInterval = retriesStart;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(options.duration());
        long nextReport = Math.min(end, start + intervalNanos);
        long started = 0;

        // 1. Keep C operations in flight until the time is up; report at every interval boundary.
        while (true) {
            long now = System.nanoTime();
            if (now >= nextReport && nextReport < end) {
                long retriesNow = retries.getAsLong();
                intervals.add(report(start, now, retriesNow - retriesAtInterval));
                retriesAtInterval = retriesNow;
                nextReport = Math.min(end, nextReport + intervalNanos);
            }
            if (now >= end) {
                break;
            }
            if (inFlight.tryAcquire(Math.min(nextReport, end) - now, TimeUnit.NANOSECONDS)) {
                startOperation(started++).whenComplete((ignored, error) -> inFlight.release());
            }
        }

        // 2. Let the last operations finish (each is bounded by the client's timeouts), then the last interval.
        if (!inFlight.tryAcquire(concurrency, DRAIN_SECONDS, TimeUnit.SECONDS)) {
            int stuck = concurrency - inFlight.availablePermits();
            current.get().errors.add(stuck);
            keep(stuck + " operations never completed");
        }
        long elapsed = System.nanoTime() - start;
        long retriesNow = retries.getAsLong();
        intervals.add(report(start, System.nanoTime(), retriesNow - retriesAtInterval));
        long cpu = Harness.processCpuNanos() - cpuStart;
        return new Result(
                intervals,
                total(intervals, elapsed, cpu, Resources.allocatedBytes() - allocatedStart, retriesNow - retriesStart));
    }

    /** Starts the next operation of the mix; the future completes (normally) once it is recorded. */
    private CompletableFuture<Void> startOperation(long number) {
        int slot = (int) (number % 10);
        if (slot < 4 && liveCount.get() >= LIVE_OBJECTS_CAP) {
            slot = 9;
        }
        if (slot < 4) {
            return put();
        }
        TestObject object = slot == 8 ? null : live.poll();
        if (slot == 8) {
            return list();
        }
        if (object == null) {
            return put();
        }
        return slot < 8 ? get(object) : delete(object);
    }

    private CompletableFuture<Void> put() {
        TestObject object = newObject();
        long begin = System.nanoTime();
        return timed(() -> store.putObject(bucket, object.key(), object.data())).handle((eTag, error) -> {
            if (error == null) {
                liveCount.incrementAndGet();
                live.add(object);
                bytesMoved.add(object.data().length);
            }
            record("put " + object.key(), begin, error, false);
            return null;
        });
    }

    private CompletableFuture<Void> get(TestObject object) {
        long begin = System.nanoTime();
        return timed(() -> store.getObject(bucket, object.key())).handle((read, error) -> {
            // The object goes back to the pool whatever happened: it is still in the store.
            live.add(object);
            if (error == null && !object.matches(read)) {
                record(
                        "get " + object.key(),
                        begin,
                        new IllegalStateException("read " + (read == null ? "nothing" : read.length + " bytes")
                                + " that differ from the " + object.data().length + " bytes put"),
                        false);
            } else {
                bytesMoved.add(error == null ? read.length : 0);
                record("get " + object.key(), begin, error, error == null);
            }
            return null;
        });
    }

    private CompletableFuture<Void> list() {
        long begin = System.nanoTime();
        return timed(() -> store.listObjects(bucket, "", null, 100)).handle((page, error) -> {
            record("list " + bucket, begin, error, false);
            return null;
        });
    }

    private CompletableFuture<Void> delete(TestObject object) {
        long begin = System.nanoTime();
        return timed(() -> store.deleteObject(bucket, object.key())).handle((ignored, error) -> {
            if (error == null) {
                liveCount.decrementAndGet();
            } else {
                live.add(object);
            }
            record("delete " + object.key(), begin, error, false);
            return null;
        });
    }

    /** Starts a call; one that throws instead of returning a failed future is recorded the same way. */
    private static <T> CompletableFuture<T> timed(java.util.function.Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized TestObject newObject() {
        byte[] data = TestObjects.make(1, options.size(), seed++).getFirst().data();
        return new TestObject(UUID.randomUUID().toString(), data);
    }

    /** Counts an operation in the interval in which it completed. */
    private void record(String what, long begin, Throwable error, boolean verifiedGet) {
        long micros = Math.max(0, (System.nanoTime() - begin) / 1_000);
        Interval interval = current.get();
        interval.latencyMicros.recordValue(micros);
        allLatencies.recordValue(micros);
        interval.operations.increment();
        if (error != null) {
            interval.errors.increment();
            keep(what + ": " + Causes.describe(error));
        } else if (verifiedGet) {
            interval.verifiedGets.increment();
        }
    }

    private void keep(String failure) {
        synchronized (failures) {
            if (failures.size() < Recorder.FAILURES_KEPT) {
                failures.add(failure);
            }
        }
    }

    /** Closes the current interval, prints its line and returns its JSON entry. */
    private RunResult.SoakInterval report(long start, long now, long retried) {
        Interval done = current.getAndSet(new Interval());
        double seconds = (now - done.startNanos) / 1e9;
        long operations = done.operations.sum();
        RunResult.SoakInterval interval = new RunResult.SoakInterval(
                Harness.round3((now - start) / 1e9),
                operations,
                Harness.round2(operations / Math.max(seconds, 1e-9)),
                PhaseResult.Latency.of(done.latencyMicros),
                done.errors.sum(),
                done.verifiedGets.sum(),
                retried);
        out.printf(
                "soak %7.1f s %9d ops %9.0f ops/s  p50 %6.2f ms  p99 %7.2f ms  errors %d  retries %d%n",
                interval.endSecond(),
                operations,
                interval.operationsPerSecond(),
                interval.latencyMs().p50(),
                interval.latencyMs().p99(),
                interval.errors(),
                retried);
        return interval;
    }

    /** The whole run as one phase: items are operations, verified the ones that succeeded (GETs byte for byte). */
    private PhaseResult total(
            List<RunResult.SoakInterval> intervals, long elapsedNanos, long cpuNanos, long allocated, long retried) {
        long operations =
                intervals.stream().mapToLong(RunResult.SoakInterval::operations).sum();
        long errors =
                intervals.stream().mapToLong(RunResult.SoakInterval::errors).sum();
        double rate = operations / (elapsedNanos / 1e9);
        List<Double> rates = intervals.stream()
                .map(RunResult.SoakInterval::operationsPerSecond)
                .toList();
        double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int items = (int) Math.min(Integer.MAX_VALUE, operations);
        double spread = rate > 0 ? 100 * (max - min) / rate : 0;
        return new PhaseResult(
                Loop.MIX.op(Phase.Kind.SOAK, 0),
                Phase.Kind.SOAK,
                Loop.MIX,
                items,
                1,
                errors,
                Math.max(0, items - errors),
                Harness.round2(rate),
                Harness.round2(min),
                Harness.round2(max),
                Harness.round2(spread),
                spread <= Harness.STEADY_SPREAD_PERCENT,
                Harness.round2(bytesMoved.sum() / (elapsedNanos / 1e9) / (1024.0 * 1024.0)),
                Harness.round3(elapsedNanos / 1e9),
                PhaseResult.Latency.of(allLatencies),
                null,
                null,
                Harness.round2(cpuNanos / 1000.0 / Math.max(1, operations)),
                Math.round((double) allocated / Math.max(1, operations)),
                new PhaseResult.Cores(Harness.round2(cpuNanos / (double) elapsedNanos), null, null),
                null,
                rates,
                List.copyOf(failures),
                retried,
                startedAt.toString(),
                java.time.Instant.now().toString(),
                Harness.encode(allLatencies),
                null,
                null);
    }

    /** What completed in one interval. */
    private static final class Interval {
        final long startNanos = System.nanoTime();
        final Histogram latencyMicros = new ConcurrentHistogram(3);
        final LongAdder operations = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder verifiedGets = new LongAdder();
    }
}
