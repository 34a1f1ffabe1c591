package objectstore.harness;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Times each operation of a phase and checks it: a PUT counts once acknowledged, a GET only when the bytes read back
 * equal the bytes put. Every failure is counted and the first few are kept to show; nothing is swallowed. Safe to call
 * from any thread.
 *
 * <p>Blocking calls go through {@link #put}, {@link #get} and {@link #putThenGet}; async ones through the
 * {@code ...Async} forms, whose futures always complete normally (the failure is recorded instead), so a loop can wait
 * on them with {@code allOf} without losing the count.
 *
 * <p>An operation's latency runs from its start to its answer. An open-loop phase ({@code --rate}) passes the moment
 * each operation was meant to start: its latency then runs from that moment, so time a request spent waiting for a free
 * slot counts (no coordinated omission), and the time from the actual start is kept apart as its service time.
 *
 * <p>When {@value #GIVE_UP_AFTER} operations in a row fail because the store did not answer (the client's
 * StoreUnavailableException, or a refused, reset or timed-out connection from any client), the store is taken for gone:
 * the operations still to come fail at once, counted as not attempted, so a phase over a dead store ends in moments
 * instead of waiting out every timeout, and the harness stops the run ({@link Harness.StoreLost}).
 */
public final class Recorder {

    /** A blocking call with no result, like {@code s3.putObject(...)}. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** How many failures a phase keeps to show, the first ones: the rest are counted, not kept. */
    static final int FAILURES_KEPT = 5;
    /** Failures in a row, each a store that did not answer, after which the store is taken for gone. */
    static final int GIVE_UP_AFTER = 10;

    private final AtomicInteger unansweredInARow = new AtomicInteger();
    private volatile String storeLost;

    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final Histogram serviceMicros = new ConcurrentHistogram(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    // ---- blocking calls

    /** Runs a blocking PUT of {@code object}; counts it verified when it returns. */
    public void put(TestObject object, Call put) {
        put(object, System.nanoTime(), put);
    }

    /**
     * As {@link #put(TestObject, Call)}, timed from {@code start} (a {@code System.nanoTime()}): when its batch was
     * sent.
     */
    public void put(TestObject object, long start, Call put) {
        long began = System.nanoTime();
        try {
            checkStore();
            put.run();
            succeeded(start, began);
        } catch (Exception e) {
            failed(object, "put", e, start, began);
        }
    }

    /** Runs a blocking GET of {@code object}; counts it verified when the bytes match. */
    public void get(TestObject object, Callable<byte[]> get) {
        get(object, System.nanoTime(), get);
    }

    /**
     * As {@link #get(TestObject, Callable)}, timed from {@code start} (a {@code System.nanoTime()}): when its batch was
     * sent.
     */
    public void get(TestObject object, long start, Callable<byte[]> get) {
        long began = System.nanoTime();
        try {
            checkStore();
            check(object, get.call(), start, began);
        } catch (Exception e) {
            failed(object, "get", e, start, began);
        }
    }

    /** A PUT then a GET of the same object, timed as one task. */
    public void putThenGet(TestObject object, Call put, Callable<byte[]> get) {
        long start = System.nanoTime();
        try {
            checkStore();
            put.run();
            check(object, get.call(), start, start);
        } catch (Exception e) {
            failed(object, "put then get", e, start, start);
        }
    }

    // ---- async calls

    /** Starts an async PUT; the returned future completes (normally) once it is recorded. */
    public CompletableFuture<Void> putAsync(TestObject object, Supplier<? extends CompletableFuture<?>> put) {
        long start = System.nanoTime();
        return putAsync(object, start, put);
    }

    /** As {@link #putAsync(TestObject, Supplier)}, for an operation meant to start at {@code intended} (open loop). */
    public CompletableFuture<Void> putAsync(
            TestObject object, long intended, Supplier<? extends CompletableFuture<?>> put) {
        long began = System.nanoTime();
        return this.<Object>started(put).handle((ignored, error) -> {
            if (error == null) {
                succeeded(intended, began);
            } else {
                failed(object, "put", error, intended, began);
            }
            return null;
        });
    }

    /** Starts an async GET; the returned future completes (normally) once it is checked and recorded. */
    public CompletableFuture<Void> getAsync(TestObject object, Supplier<? extends CompletableFuture<byte[]>> get) {
        long start = System.nanoTime();
        return getAsync(object, start, get);
    }

    /** As {@link #getAsync(TestObject, Supplier)}, for an operation meant to start at {@code intended} (open loop). */
    public CompletableFuture<Void> getAsync(
            TestObject object, long intended, Supplier<? extends CompletableFuture<byte[]>> get) {
        long began = System.nanoTime();
        return this.<byte[]>started(get).handle((read, error) -> {
            if (error == null) {
                check(object, read, intended, began);
            } else {
                failed(object, "get", error, intended, began);
            }
            return null;
        });
    }

    /** An async PUT then GET of the same object, timed as one task. */
    public CompletableFuture<Void> putThenGetAsync(
            TestObject object,
            Supplier<? extends CompletableFuture<?>> put,
            Supplier<? extends CompletableFuture<byte[]>> get) {
        long start = System.nanoTime();
        return this.<Object>started(put).thenCompose(ignored -> get.get()).handle((read, error) -> {
            if (error == null) {
                check(object, read, start, start);
            } else {
                failed(object, "put then get", error, start, start);
            }
            return null;
        });
    }

    /** Waits for async operations, e.g. a batch; they never fail, so this only waits. */
    public static void awaitAll(List<CompletableFuture<Void>> operations) {
        CompletableFuture.allOf(operations.toArray(CompletableFuture[]::new)).join();
    }

    // ---- what the harness reads

    long completed() {
        return completed.sum();
    }

    long verified() {
        return verified.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Every operation's latency, from its (intended) start to its answer, in microseconds. */
    Histogram latencyMicros() {
        return latencyMicros;
    }

    /** Every operation's service time, from its actual start to its answer, in microseconds. */
    Histogram serviceMicros() {
        return serviceMicros;
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Why the store is taken for gone (the last failure), or null while it answers. */
    String storeLost() {
        return storeLost;
    }

    /** Counts operations a phase never finished as errors, so a lost object cannot pass unseen. */
    void missing(long count, String phase) {
        if (count > 0) {
            errors.add(count);
            completed.add(count);
            keep(count + " operations of " + phase + " never completed");
        }
    }

    // ----

    /** Starts a call; a call that throws instead of returning a failed future is recorded the same way. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> started(Supplier<? extends CompletableFuture<?>> call) {
        try {
            checkStore();
            return (CompletableFuture<T>) call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Fails at once, without a request, when the store is taken for gone. */
    private void checkStore() {
        String lost = storeLost;
        if (lost != null) {
            throw new NotAttempted(lost);
        }
    }

    /** An operation not sent because the store had stopped answering. */
    static final class NotAttempted extends RuntimeException {
        NotAttempted(String lost) {
            super("not attempted: the store stopped answering (" + lost + ")", null, false, false);
        }
    }

    private void check(TestObject object, byte[] read, long start, long began) {
        if (object.matches(read)) {
            succeeded(start, began);
        } else {
            record(start, began);
            errors.increment();
            keep("get " + object.key() + ": read " + (read == null ? "nothing" : read.length + " bytes")
                    + " that differ from the " + object.data().length + " bytes put");
        }
    }

    private void succeeded(long start, long began) {
        record(start, began);
        verified.increment();
        unansweredInARow.set(0);
    }

    private void failed(TestObject object, String what, Throwable error, long start, long began) {
        record(start, began);
        errors.increment();
        Throwable cause = Causes.root(error);
        if (cause instanceof NotAttempted) {
            return;
        }
        keep(what + " " + object.key() + ": " + Causes.describe(error));
        if (!unanswered(error)) {
            unansweredInARow.set(0);
        } else if (unansweredInARow.incrementAndGet() >= GIVE_UP_AFTER && storeLost == null) {
            storeLost = Causes.describe(error);
        }
    }

    /*
     * A store that did not answer, as any client says it: the project's clients throw
     * StoreUnavailableException; the SDK, Jedis and Lettuce wrap a refused, reset or timed-out
     * connection in their own exceptions, so the chain of causes is searched for one.
     */
    static boolean unanswered(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException
                    || t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof ClosedChannelException) {
                return true;
            }
            String type = t.getClass().getName();
            if (type.endsWith("JedisConnectionException")
                    || type.endsWith("RedisConnectionException")
                    || type.equals("org.apache.http.NoHttpResponseException")
                    || type.equals("org.apache.http.conn.HttpHostConnectException")) {
                return true;
            }
            if (t instanceof IOException && String.valueOf(t.getMessage()).contains("Connection reset")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void record(long start, long began) {
        long now = System.nanoTime();
        latencyMicros.recordValue(Math.max(0, (now - start) / 1_000));
        serviceMicros.recordValue(Math.max(0, (now - began) / 1_000));
        completed.increment();
    }

    private void keep(String failure) {
        synchronized (failures) {
            if (failures.size() < FAILURES_KEPT) {
                failures.add(failure);
            }
        }
    }
}
