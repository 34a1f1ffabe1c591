package objectstore.lite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file upload or download under way: its outcome, its progress, and the way to stop it.
 *
 * <p>The {@link #result()} completes only once nothing is left behind: a failed or cancelled multipart upload has been
 * aborted, a failed download's temporary file deleted. {@link #cancel()} stops the transfer; so does interrupting a
 * thread blocked in {@link #await()}; a command line's shutdown hook calls {@code cancel().join()}.
 *
 * @param <T> what a finished transfer reports: {@link Uploaded} or {@link Downloaded}
 */
public abstract sealed class Transfer<T> permits FileUpload, FileDownload {

    final CompletableFuture<T> result = new CompletableFuture<>();
    final AtomicLong transferred = new AtomicLong();
    volatile long size = -1;

    /** Why the transfer is stopping (the first failure, or the cancel), or null; guarded by this. */
    Throwable failure;

    /** The calls on the wire, for a stop to cut; guarded by this. */
    private final Set<Call> calls = new HashSet<>();

    Transfer() {
        // Cancelling the future itself stops the transfer too; the cleanup then runs on after it.
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                stop(new CancellationException("the transfer's future was cancelled"));
            }
        });
    }

    /** Completes with what was transferred, or fails with why not, once the cleanup is done. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** The object's size in bytes, or -1 until it is known (the file opened, the object's HEAD answered). */
    public long size() {
        return size;
    }

    /** The bytes moved so far: the parts the store acknowledged, the bytes written to the file. */
    public long transferred() {
        return transferred.get();
    }

    /**
     * Stops the transfer: requests on the wire are cut, none start, a multipart upload is aborted, a download's
     * temporary file deleted; the result fails with a {@link CancellationException}. A multipart upload already
     * completing finishes instead. The returned future completes when the transfer has ended, either way.
     */
    public CompletableFuture<Void> cancel() {
        stop(new CancellationException("cancelled"));
        return result.handle((value, failure) -> null);
    }

    /**
     * Waits for the result. Interrupted, it cancels the transfer, waits for the cleanup, and throws the
     * {@link InterruptedException}; a failure is thrown as it is (wrapped when it is a checked one).
     */
    public T await() throws InterruptedException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel().join();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        }
    }

    /** Stops the transfer because of {@code why}, which the result fails with unless it failed already. */
    abstract void stop(Throwable why);

    /** Sends a call that a stop can cut; once the transfer is stopping, nothing more is sent. */
    final CompletableFuture<Call.Response> send(Transport transport, Call call) {
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            calls.add(call);
        }
        return transport.send(call).whenComplete((response, e) -> {
            synchronized (this) {
                calls.remove(call);
            }
        });
    }

    /** A copy of the calls on the wire, to cut outside the lock. */
    final synchronized List<Call> callsOnTheWire() {
        return new ArrayList<>(calls);
    }
}
