package objectstore.workshop;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import objectstore.harness.TestObject;
import objectstore.threadpool.ThreadPoolS3PutGet;

/** The solution: submit every task first, then wait for them all: chapter 02's corrected loop, as it is. */
public final class Ch02SubmitThenWait {

    /** Runs {@code task} once per object on {@code pool}, and returns when every one has finished. */
    public static void runAll(ExecutorService pool, List<TestObject> objects, Consumer<TestObject> task)
            throws Exception {
        ThreadPoolS3PutGet.submitAllThenWait(pool, objects, task);
    }

    private Ch02SubmitThenWait() {}
}
