package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import objectstore.connection.Target;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.testing.FaultProxy;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch02SizeThePool;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code Ch02SizeThePool} is solved when 60 workers have 60 requests in flight at once.
 *
 * <p>The client talks to the real S3Proxy through a proxy on loopback that holds every request until 60 are waiting
 * there, then lets them all through. A pool of 10 (or the Apache client's default of 50) connections never gets there:
 * after {@link #GUARD_SECONDS} the proxy gives up waiting and the check reports the most it saw. What is counted is
 * requests, not time.
 */
class Ch02SizeThePoolCheck {

    static final int WORKERS = 60; // more than the Apache client's default pool of 50, too
    static final int GUARD_SECONDS = 10;

    @Test
    void everyWorkerHasAConnection() throws Exception {
        List<TestObject> objects = TestObjects.make(WORKERS, 100, 1);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch allThere = new CountDownLatch(1);
        FaultProxy.Rule holdUntilAllThere = (hit, method, path) -> {
            peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
            if (waiting.get() >= WORKERS) {
                allThere.countDown();
            }
            try {
                if (!allThere.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                    allThere.countDown(); // they will never all be here: let everyone through
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waiting.decrementAndGet();
            return new FaultProxy.Forward();
        };

        try (S3Bucket bucket = S3Bucket.create("ch02")) {
            for (TestObject o : objects) {
                bucket.store.putObject(bucket.name, o.key(), o.data()).join();
            }
            Target s3 = TestStores.s3().target();
            try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), holdUntilAllThere);
                    S3Client client = Ch02SizeThePool.client(
                            new Target(proxy.endpoint(), s3.credentials(), s3.region()), WORKERS);
                    ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<byte[]>> gets = new ArrayList<>();
                for (TestObject o : objects) {
                    gets.add(workers.submit(() -> {
                        go.await();
                        return client.getObjectAsBytes(
                                        b -> b.bucket(bucket.name).key(o.key()))
                                .asByteArray();
                    }));
                }
                go.countDown();
                for (int i = 0; i < WORKERS; i++) {
                    assertThat(gets.get(i).get())
                            .as("the bytes of %s", objects.get(i).key())
                            .isEqualTo(objects.get(i).data());
                }
            }
        }

        assertThat(peak.get())
                .as("requests in flight at once through your client, for %d workers each making one", WORKERS)
                .isEqualTo(WORKERS);
    }
}
