package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;

/** Exercise 02 is solved when a pool of 10 runs 10 tasks at once, and the loop still waits for all 50. */
class Ex02SubmitThenWaitCheck {

    @Test
    void everyThreadOfThePoolIsBusy() throws Exception {
        List<TestObject> objects = TestObjects.make(50, 10, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Consumer<TestObject> slowGet = o -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            finished.incrementAndGet();
        };

        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            Workshop.call("Ex02SubmitThenWait", "runAll", pool, objects, slowGet);
            assertThat(finished.get()).as("tasks finished when runAll returned").isEqualTo(50);
        }

        assertThat(peak.get()).as("tasks running at once on a pool of 10, with %s", Workshop.side()).isEqualTo(10);
    }
}
