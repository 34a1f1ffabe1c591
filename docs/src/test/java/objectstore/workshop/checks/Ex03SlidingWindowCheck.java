package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;

/**
 * Exercise 03 is solved when the window stays full: once the first 10 puts are out, each new put starts
 * with about 9 others still in flight (batches start theirs with 0, 1, ... 9 in flight: 4.5 on average).
 */
class Ex03SlidingWindowCheck {

    @Test
    void theWindowStaysFullUntilTheEnd() throws Exception {
        List<TestObject> objects = TestObjects.make(300, 100, 3);
        try (MemoryStore store = new MemoryStore()) {
            Workshop.call("Ex03SlidingWindow", "putAll", store, "bucket", objects, 10);

            assertThat(store.objects).as("objects stored when putAll returned").hasSize(300);
            assertThat(store.peak.get()).as("most puts in flight at once").isLessThanOrEqualTo(10);
            double average = store.inFlightAtStart.subList(10, 300).stream().mapToInt(Integer::intValue).average().orElse(0);
            assertThat(average).as("puts already in flight, on average, when each new put started (with %s)", Workshop.side())
                    .isGreaterThanOrEqualTo(8.0);
        }
    }
}
