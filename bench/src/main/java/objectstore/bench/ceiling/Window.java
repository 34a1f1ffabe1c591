package objectstore.bench.ceiling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client's side of a ceiling: a window of requests for a fixed time, chapter 04's and 07's window bounded by the
 * clock instead of a list of objects, and driven by the answers instead of a loop: there are always {@code size}
 * outstanding, and each answer, once checked, sends the next request.
 */
final class Window {

    /** A request whose future says whether its answer was right (the bytes, or SET's OK). */
    @FunctionalInterface
    interface Request {
        CompletableFuture<Boolean> start();
    }

    /** What one client run did and cost; {@code latency} in microseconds, from the call to its checked answer. */
    record Result(
            long operations,
            long verified,
            long errors,
            double seconds,
            long cpuNanos,
            Histogram latency,
            CeilingRecord.Cores cores) {

        double perSecond() {
            return operations / seconds;
        }

        double cpuMicrosPerOp() {
            return cpuNanos / 1000.0 / Math.max(1, operations);
        }

        CeilingRecord.ClientRun record() {
            return new CeilingRecord.ClientRun(
                    Math.round(seconds * 100) / 100.0, operations, latencyMs(latency), cores);
        }
    }

    /** A connection that writes each request as it is made: nothing to flush. */
    static final Runnable NO_FLUSH = () -> {};

    private Window() {}

    /*
     * Not chapter 07's loop, which takes a permit before each call and sleeps when the window is full:
     * {@code size} chains of requests instead, each answer's callback (on the client's I/O thread)
     * checking it and sending the next. No thread sleeps and wakes between an answer and the next
     * request, which on 2 cores is a few microseconds of every request's share. On a connection with
     * auto-flush off (Redis) the callbacks flush every quarter window; once the time is up this thread
     * flushes every millisecond, so a command queued by the last callbacks is written too. A request that
     * fails before it is sent ends its chain (counted), so a dead store cannot turn the callbacks into a loop.
     */
    /** Keeps {@code size} requests in flight for {@code seconds}, each answer's callback sending the next request. */
    static Result chained(int size, int seconds, Request request, Runnable flush, Supplier<List<Long>> serverPids)
            throws InterruptedException {
        LongAdder verified = new LongAdder();
        LongAdder errors = new LongAdder();
        Recorder latency = new Recorder(3);
        CountDownLatch chainsEnded = new CountDownLatch(size);
        System.gc(); // the warm-up's garbage is not collected on this run's time

        Cpu.Sample before = Cpu.now(serverPids.get());
        long end = before.wallNanos() + TimeUnit.SECONDS.toNanos(seconds);
        Chain chain = new Chain(request, flush, Math.max(1, size / 4), end, verified, errors, latency, chainsEnded);
        for (int i = 0; i < size; i++) {
            chain.next();
        }
        flush.run();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        while (!chainsEnded.await(1, TimeUnit.MILLISECONDS)) { // the last requests have been answered
            flush.run();
        }
        Cpu.Sample after = Cpu.now(serverPids.get());

        long operations = verified.sum() + errors.sum();
        return new Result(
                operations,
                verified.sum(),
                errors.sum(),
                (after.wallNanos() - before.wallNanos()) / 1e9,
                after.selfCpuNanos() - before.selfCpuNanos(),
                latency.getIntervalHistogram(),
                Cpu.between(before, after, 0));
    }

    /** One request after another until {@code end}; each call of {@link #next()} is one place in the window. */
    private record Chain(
            Request request,
            Runnable flush,
            int flushEvery,
            long end,
            LongAdder verified,
            LongAdder errors,
            Recorder latency,
            CountDownLatch chainsEnded,
            AtomicInteger unflushed) {

        Chain(
                Request request,
                Runnable flush,
                int flushEvery,
                long end,
                LongAdder verified,
                LongAdder errors,
                Recorder latency,
                CountDownLatch chainsEnded) {
            this(request, flush, flushEvery, end, verified, errors, latency, chainsEnded, new AtomicInteger());
        }

        void next() {
            long started = System.nanoTime();
            if (started >= end) {
                chainsEnded.countDown();
                return;
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = request.start();
            } catch (RuntimeException e) {
                errors.increment();
                chainsEnded.countDown();
                return;
            }
            if (flush != NO_FLUSH && unflushed.incrementAndGet() % flushEvery == 0) {
                flush.run();
            }
            answer.whenComplete((right, error) -> {
                latency.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                (error == null && Boolean.TRUE.equals(right) ? verified : errors).increment();
                next();
            });
        }
    }

    /** p50, p90, p99, p99.9 and the maximum, in milliseconds. */
    static Map<String, Double> latencyMs(Histogram micros) {
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("p50", ms(micros.getValueAtPercentile(50)));
        ms.put("p90", ms(micros.getValueAtPercentile(90)));
        ms.put("p99", ms(micros.getValueAtPercentile(99)));
        ms.put("p999", ms(micros.getValueAtPercentile(99.9)));
        ms.put("max", ms(micros.getMaxValue()));
        return ms;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
