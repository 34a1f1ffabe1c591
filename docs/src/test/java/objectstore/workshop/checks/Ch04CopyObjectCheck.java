package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.workshop.Ch04CopyObject;
import org.junit.jupiter.api.Test;

/**
 * {@code Ch04CopyObject} is solved when copyObject copies, returns before the GET has answered, and fails as a future.
 * Every call goes to the real S3Proxy; one test holds the GET's answer back until copyObject has returned.
 */
class Ch04CopyObjectCheck {

    static final byte[] BYTES = "some bytes".getBytes(StandardCharsets.UTF_8);
    static final int GUARD_SECONDS = 5;

    @Test
    void copiesTheBytesAndAnswersTheNewETag() throws Exception {
        try (S3Bucket bucket = S3Bucket.create("ch04")) {
            bucket.store.putObject(bucket.name, "a", BYTES).join();

            String etag = Ch04CopyObject.copyObject(bucket.store, bucket.name, "a", "b")
                    .get(30, TimeUnit.SECONDS);

            assertThat(bucket.store.getObject(bucket.name, "b").join())
                    .as("the bytes of the copy")
                    .isEqualTo(BYTES);
            assertThat(etag)
                    .as("the ETag copyObject answered")
                    .isEqualTo(bucket.store.headObject(bucket.name, "b").join().eTag());
        }
    }

    @Test
    void returnsAtOnceWhileTheGetIsStillOnItsWay() throws Exception {
        try (S3Bucket bucket = S3Bucket.create("ch04")) {
            bucket.store.putObject(bucket.name, "a", BYTES).join();
            HeldGets store = new HeldGets(bucket.store);

            CompletableFuture<CompletableFuture<String>> call = CompletableFuture.supplyAsync(
                    () -> Ch04CopyObject.copyObject(store, bucket.name, "a", "b"),
                    command -> Thread.ofPlatform().daemon().name("copyObject").start(command));
            CompletableFuture<String> copy;
            try {
                copy = call.get(GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                store.answer.complete(null);
                fail(
                        "copyObject did not return while the GET was unanswered (held back for %d s): it waits"
                                + " (join/get) instead of composing",
                        GUARD_SECONDS);
                return;
            }
            boolean doneBeforeTheGetAnswered = copy.isDone();
            store.answer.complete(null);
            assertThat(doneBeforeTheGetAnswered)
                    .as("the copy was done before its GET had answered")
                    .isFalse();
            assertThat(copy.get(30, TimeUnit.SECONDS))
                    .as("the ETag of the copy, once the GET answered")
                    .isEqualTo(bucket.store.headObject(bucket.name, "b").join().eTag());
        }
    }

    @Test
    void aMissingSourceFailsTheFutureAndIsNotThrown() throws Exception {
        try (S3Bucket bucket = S3Bucket.create("ch04")) {
            CompletableFuture<String> copy;
            try {
                copy = Ch04CopyObject.copyObject(bucket.store, bucket.name, "missing", "b");
            } catch (RuntimeException e) {
                fail("copyObject threw " + e + "; an async API reports failures through the future it returns");
                return;
            }
            Throwable failure = catchThrowable(() -> copy.get(30, TimeUnit.SECONDS));
            assertThat(failure).as("what the future failed with").isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) failure.getCause()).code()).isEqualTo("NoSuchKey");
            Throwable head = catchThrowable(
                    () -> bucket.store.headObject(bucket.name, "b").join());
            assertThat(head)
                    .as("HEAD of the target after a failed copy")
                    .hasCauseInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) head.getCause()).status())
                    .as("HTTP status of that HEAD")
                    .isEqualTo(404);
        }
    }

    /** The real store, each GET's answer held back until {@link #answer} completes. */
    static final class HeldGets extends DelegatingStore {

        final CompletableFuture<Void> answer = new CompletableFuture<>();

        HeldGets(ObjectStore real) {
            super(real);
        }

        @Override
        public CompletableFuture<byte[]> getObject(String bucket, String key) {
            return real.getObject(bucket, key).thenCombine(answer, (data, ignored) -> data);
        }
    }
}
