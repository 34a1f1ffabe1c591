package objectstore.lite;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When to send a failed call again, and after how long; counts the retries.
 *
 * <p>The transport decides whether a failure may be retried at all (a 500, 502, 503 or 504, or a connection that failed
 * before any byte of an answer came back); this class allows up to {@code maxAttempts} attempts in all, and waits
 * random(0, min(cap, base * 2^(n-1))) before retry n: "full jitter", so clients that failed together do not come back
 * together. The wait runs on a timer, so no thread sleeps.
 */
final class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");

    private final int maxAttempts;
    private final long baseMillis;
    private final long maxMillis;
    private final LongAdder retries = new LongAdder();

    RetryPolicy(LiteSettings settings) {
        this.maxAttempts = settings.maxAttempts();
        this.baseMillis = settings.retryBaseDelay().toMillis();
        this.maxMillis = settings.retryMaxDelay().toMillis();
    }

    /**
     * Schedules {@code again} after the backoff when the failure may be retried and attempts remain, and returns true;
     * returns false when the call has to fail.
     */
    boolean retry(Call call, Throwable failure, boolean retryable, Runnable again) {
        if (!retryable || call.attempt >= maxAttempts) {
            return false;
        }
        long delay = ThreadLocalRandom.current().nextLong(backoffCapMillis(call.attempt) + 1);
        call.attempt++;
        retries.increment();
        LOG.debug(
                "{} {} attempt {} of {} in {} ms after: {}",
                call.method,
                call.target(),
                call.attempt,
                maxAttempts,
                delay,
                failure.getMessage());
        try {
            Timer.TIMER.schedule(again, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** min(cap, base * 2^(attempt-1)): the longest wait before the retry that follows {@code attempt}. */
    long backoffCapMillis(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        return Math.min(maxMillis, baseMillis << doublings);
    }

    /** Attempts sent again since the client opened. */
    long retries() {
        return retries.sum();
    }

    /** One timer thread for every client's retries, started on first use; a daemon, so it never keeps the JVM alive. */
    private static final class Timer {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lite-s3-retry");
            thread.setDaemon(true);
            return thread;
        });
    }
}
