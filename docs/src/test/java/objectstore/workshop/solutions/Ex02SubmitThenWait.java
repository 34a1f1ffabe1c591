package objectstore.workshop.solutions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import objectstore.harness.TestObject;

/** Solution 02: submit every task first, then wait for them all. */
public final class Ex02SubmitThenWait {

    public static void runAll(ExecutorService pool, List<TestObject> objects, Consumer<TestObject> task) throws Exception {
        List<Future<?>> submitted = new ArrayList<>(objects.size());
        for (TestObject o : objects) {
            submitted.add(pool.submit(() -> task.accept(o)));
        }
        for (Future<?> f : submitted) {
            f.get();
        }
    }

    private Ex02SubmitThenWait() {
    }
}
