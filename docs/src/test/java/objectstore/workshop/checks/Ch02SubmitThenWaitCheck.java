package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.workshop.Ch02SubmitThenWait;
import org.junit.jupiter.api.Test;

/**
 * {@code Ch02SubmitThenWait} is solved when a pool of 10 runs 10 tasks at once, and the loop still waits for all 50.
 *
 * <p>Each task holds its thread until 10 tasks are running together, so a loop that keeps the pool busy reaches 10
 * every time, however slow the machine. A loop that waits after each submit never does: after {@link #GUARD_SECONDS}
 * the tasks stop waiting and the check reports the most that ran at once.
 */
class Ch02SubmitThenWaitCheck {

    static final int POOL = 10;
    static final int GUARD_SECONDS = 5;

    @Test
    void everyThreadOfThePoolIsBusy() throws Exception {
        List<TestObject> objects = TestObjects.make(50, 10, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch poolFull = new CountDownLatch(1);
        Consumer<TestObject> task = o -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (running.get() >= POOL) {
                poolFull.countDown();
            }
            try {
                if (!poolFull.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                    poolFull.countDown(); // the pool will not fill up: stop waiting for it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            finished.incrementAndGet();
        };

        try (ExecutorService pool = Executors.newFixedThreadPool(POOL)) {
            Ch02SubmitThenWait.runAll(pool, objects, task);
            assertThat(finished.get()).as("tasks finished when runAll returned").isEqualTo(50);
        }

        assertThat(peak.get()).as("tasks running at once on a pool of %d", POOL).isEqualTo(POOL);
    }
}
