package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.sdk.SdkClients;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch03OffTheCommonPool;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code Ch03OffTheCommonPool} is solved when 20 blocking GETs run on an executor for 10: none on the common pool, 10
 * in flight at once, and 10 threads for the 20 calls.
 *
 * <p>The GETs go to the real S3Proxy through chapter 01's blocking client, wrapped so that each call waits until 10
 * calls are in flight before it goes on. An executor with 10 threads gets there every time; one with fewer never does,
 * and after {@link #GUARD_SECONDS} the calls stop waiting and the check reports the most it saw.
 */
class Ch03OffTheCommonPoolCheck {

    static final int IN_FLIGHT = 10;
    static final int CALLS = 20;
    static final int GUARD_SECONDS = 10;

    @Test
    void blockingCallsRunOnAnExecutorOfTheirOwn() throws Exception {
        List<TestObject> objects = TestObjects.make(CALLS, 100, 7);
        try (S3Bucket bucket = S3Bucket.create("ch03");
                HeldCalls s3 = new HeldCalls(SdkClients.blocking(TestStores.s3().target(), CALLS))) {
            for (TestObject o : objects) {
                bucket.store.putObject(bucket.name, o.key(), o.data()).join();
            }

            try (ExecutorService executor = Ch03OffTheCommonPool.blockingExecutor(IN_FLIGHT)) {
                List<CompletableFuture<byte[]>> gets = new ArrayList<>();
                for (TestObject o : objects) {
                    gets.add(Ch03OffTheCommonPool.getAsync(s3, bucket.name, o.key(), executor));
                }
                for (int i = 0; i < CALLS; i++) {
                    assertThat(gets.get(i).get(60, TimeUnit.SECONDS))
                            .as("the bytes of %s", objects.get(i).key())
                            .isEqualTo(objects.get(i).data());
                }
            }

            assertThat(s3.onCommonPool.get())
                    .as("GETs that ran on ForkJoinPool.commonPool()'s threads (%s)", s3.threadNames())
                    .isZero();
            assertThat(s3.threads)
                    .as(
                            "threads that ran the %d GETs, on an executor for %d at once (%s)",
                            CALLS, IN_FLIGHT, s3.threadNames())
                    .hasSizeLessThanOrEqualTo(IN_FLIGHT);
            assertThat(s3.peak.get())
                    .as("GETs in flight at once, on an executor for %d", IN_FLIGHT)
                    .isEqualTo(IN_FLIGHT);
        }
    }

    /**
     * The real blocking client, each GET held until {@link #IN_FLIGHT} are in flight; it notes the thread that made
     * each call. (Every GET of S3Client, getObjectAsBytes included, ends in this getObject.)
     */
    static final class HeldCalls implements S3Client {

        final S3Client real;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger onCommonPool = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final CountDownLatch enoughInFlight = new CountDownLatch(1);

        HeldCalls(S3Client real) {
            this.real = real;
        }

        @Override
        public <ReturnT> ReturnT getObject(
                GetObjectRequest request, ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
            Thread caller = Thread.currentThread();
            threads.add(caller);
            if (caller instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
                onCommonPool.incrementAndGet();
            }
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                if (now >= IN_FLIGHT) {
                    enoughInFlight.countDown();
                }
                if (!enoughInFlight.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                    enoughInFlight.countDown(); // they will never all be here: stop waiting
                }
                return real.getObject(request, transformer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        String threadNames() {
            return threads.stream()
                            .map(Thread::getName)
                            .sorted()
                            .distinct()
                            .limit(4)
                            .toList()
                    + (threads.size() > 4 ? " and " + (threads.size() - 4) + " more" : "");
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
