package objectstore.util;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue that lets at most a given number of requests be in flight, without ever blocking a thread.
 *
 * <p>Both lite clients use it: the HTTP one (async-http-client fails requests beyond its own connection limit, and an
 * experiment that offers 1,000 requests to 16 connections wants them to wait) and the Redis facade (Lettuce would send
 * them all at once). A request takes a permit and runs at once, or joins the queue; every request that has run must
 * call {@link #release()} exactly once when it is done, and that starts the next in line. The caller's thread never
 * waits here. The number of permits can change while requests are in flight: {@link #release()} without a request adds
 * one, {@link #shrink()} takes one away (from the next release, when none is free).
 */
public final class Permits {

    private final Semaphore available;
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    /** Permits taken away while none was free: the next releases keep them instead of handing them on. */
    private final AtomicInteger owed = new AtomicInteger();

    /** A queue with {@code count} permits; zero would queue every request for ever. */
    public Permits(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a permit queue needs at least 1 permit; got " + count);
        }
        available = new Semaphore(count);
    }

    /**
     * Runs {@code request} now if a permit is free, else when one is released; it must lead to one {@link #release()}.
     */
    public void submit(Runnable request) {
        waiting.add(request);
        drain();
    }

    /** Returns a permit (or adds one), and starts the next waiting request with it; a permit owed is kept instead. */
    public void release() {
        for (int debt = owed.get(); debt > 0; debt = owed.get()) {
            if (owed.compareAndSet(debt, debt - 1)) {
                return;
            }
        }
        available.release();
        drain();
    }

    /** One permit fewer: a free one now, else the next one released. */
    public void shrink() {
        if (!available.tryAcquire()) {
            owed.incrementAndGet();
        }
    }

    /*
     * One thread drains at a time; a thread that finds another draining leaves a note (the counter)
     * and returns, and the drainer loops once more. So a request that fails at once, releasing its
     * permit inside drain(), never recurses into a deep stack.
     */
    private void drain() {
        if (drainers.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            while (!waiting.isEmpty() && available.tryAcquire()) {
                Runnable next = waiting.poll();
                if (next == null) {
                    available.release();
                } else {
                    next.run();
                }
            }
            missed = drainers.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
