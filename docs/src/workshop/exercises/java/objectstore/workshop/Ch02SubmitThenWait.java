package objectstore.workshop;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import objectstore.harness.TestObject;

/**
 * Chapter 02: a thread pool that only ever runs one task.
 *
 * <p>The original's GET loop submitted a task, then waited for its result, then submitted the next: one GET in flight,
 * on a pool of 300 threads. It measured slower than the plain blocking loop and the slowdown was put down to lock
 * contention. The check gives your loop a pool of 10 threads and tasks that each wait until 10 of them are running
 * together, and counts the most that ran at once.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch02SubmitThenWaitCheck}
 */
public final class Ch02SubmitThenWait {

    /** Runs {@code task} once per object on {@code pool}, and returns when every one has finished. */
    public static void runAll(ExecutorService pool, List<TestObject> objects, Consumer<TestObject> task)
            throws Exception {
        // TODO goal: keep every thread of the pool busy, and still return only when all tasks are done
        for (TestObject o : objects) {
            pool.submit(() -> task.accept(o)).get();
        }
    }

    private Ch02SubmitThenWait() {}
}
