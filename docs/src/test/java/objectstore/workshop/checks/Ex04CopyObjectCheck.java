package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import objectstore.store.ObjectStoreException;

/** Exercise 04 is solved when copyObject copies, returns before the GET has answered, and fails as a future. */
class Ex04CopyObjectCheck {

    @Test
    void copiesTheBytesAndAnswersTheNewETag() throws Exception {
        try (MemoryStore store = new MemoryStore()) {
            store.putObject("bucket", "a", "some bytes".getBytes()).get();

            CompletableFuture<String> copy = Workshop.call("Ex04CopyObject", "copyObject", store, "bucket", "a", "b");

            assertThat(copy.get(5, TimeUnit.SECONDS)).isEqualTo(MemoryStore.etag("some bytes".getBytes()));
            assertThat(store.objects.get("bucket/b")).isEqualTo("some bytes".getBytes());
        }
    }

    @Test
    void returnsAtOnceWhileTheGetIsStillOnItsWay() throws Exception {
        try (MemoryStore store = new MemoryStore()) {
            store.putObject("bucket", "a", "some bytes".getBytes()).get();
            CompletableFuture<Void> gate = new CompletableFuture<>();
            store.getGate = gate;

            CompletableFuture<CompletableFuture<String>> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return Workshop.<CompletableFuture<String>>call("Ex04CopyObject", "copyObject", store, "bucket", "a", "b");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<String> copy;
            try {
                copy = call.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                gate.complete(null);
                fail("copyObject (%s) did not return while the GET was unanswered: it waits (join/get) instead of composing", Workshop.side());
                return;
            }
            assertThat(copy).as("the copy cannot be done before the GET answers").isNotDone();

            gate.complete(null);
            assertThat(copy.get(5, TimeUnit.SECONDS)).isEqualTo(MemoryStore.etag("some bytes".getBytes()));
        }
    }

    @Test
    void aMissingSourceFailsTheFutureAndIsNotThrown() throws Exception {
        try (MemoryStore store = new MemoryStore()) {
            CompletableFuture<String> copy;
            try {
                copy = Workshop.call("Ex04CopyObject", "copyObject", store, "bucket", "missing", "b");
            } catch (Exception e) {
                fail("copyObject (%s) threw %s; an async API reports failures through the future it returns", Workshop.side(), e);
                return;
            }
            try {
                copy.get(5, TimeUnit.SECONDS);
                fail("copying a missing object succeeded");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ObjectStoreException.class);
                assertThat(((ObjectStoreException) e.getCause()).code()).isEqualTo("NoSuchKey");
            }
            assertThat(store.objects).doesNotContainKey("bucket/b");
        }
    }
}
