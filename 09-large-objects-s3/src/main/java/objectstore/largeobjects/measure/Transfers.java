package objectstore.largeobjects.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import objectstore.harness.Resources;
import objectstore.largeobjects.clients.LargeObjectClient;
import objectstore.util.Causes;

/**
 * One object moved by the client under measurement, and checked: a PUT's ETag against the one the file makes, a GET's
 * file against the source's SHA-256. Only the transfer is timed and charged (wall clock, CPU, heap allocated); the
 * checks run after it, uncounted, as does deleting a downloaded file.
 */
final class Transfers {

    /** How often a GET is looked at for its first byte: every 0.1 ms until it arrives. */
    private static final long FIRST_BYTE_POLL_NANOS = 100_000;

    /** The longest one object may take before it counts as failed. */
    static final long TIMEOUT_MINUTES = 30;

    /**
     * One object's transfer: its time, what the process (and the store, when known) spent on it, the first byte's time
     * for a GET (-1 otherwise), and why it failed (null when it was verified).
     */
    record Item(Resources.Sample before, Resources.Sample after, long firstByteNanos, String failure) {

        long nanos() {
            return after.wallNanos() - before.wallNanos();
        }
    }

    private final LargeObjectClient client;
    private final String bucket;
    private final List<Long> storePids;

    Transfers(LargeObjectClient client, String bucket, List<Long> storePids) {
        this.client = client;
        this.bucket = bucket;
        this.storePids = storePids;
    }

    /** Uploads {@code source} as {@code key}; verified when the store's ETag is {@code expectedETag}. */
    Item put(String key, Source source, String expectedETag) {
        Resources.Sample before = Resources.now(storePids);
        String eTag;
        try {
            eTag = client.put(bucket, key, source.file()).get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (Exception e) {
            return failed(before, "put " + key, e);
        }
        Resources.Sample after = Resources.now(storePids);
        String answered = eTag == null ? null : eTag.replace("\"", "");
        String failure = expectedETag.equals(answered)
                ? null
                : "put " + key + ": the store's ETag is " + answered + ", the file makes " + expectedETag;
        return new Item(before, after, -1, failure);
    }

    /** Downloads {@code key} into {@code file}; verified when the file hashes to the source's SHA-256. */
    Item get(String key, Source source, Path file) {
        Resources.Sample before = Resources.now(storePids);
        long firstByte = -1;
        Resources.Sample after;
        try {
            LargeObjectClient.Download download = client.get(bucket, key, file);
            while (!download.done().isDone()) {
                if (download.bytesWritten().getAsLong() > 0) {
                    firstByte = System.nanoTime();
                    break;
                }
                LockSupport.parkNanos(FIRST_BYTE_POLL_NANOS);
            }
            download.done().get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            after = Resources.now(storePids);
            if (firstByte < 0) {
                firstByte = after.wallNanos(); // it ended before a poll saw a byte
            }
        } catch (Exception e) {
            deleteQuietly(file);
            return failed(before, "get " + key, e);
        }
        String failure;
        try {
            long size = Files.size(file);
            String sha256 = size == source.size() ? Digests.sha256(file) : null;
            failure = source.sha256().equals(sha256)
                    ? null
                    : "get " + key + ": the file (" + size + " bytes) differs from the " + source.size() + " put";
        } catch (Exception e) {
            failure = "get " + key + ": the file could not be read back: " + Causes.describe(e);
        }
        deleteQuietly(file);
        return new Item(before, after, firstByte - before.wallNanos(), failure);
    }

    private Item failed(Resources.Sample before, String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new Item(before, Resources.now(storePids), -1, what + ": " + Causes.describe(e));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // the folder goes at the end of the run
        }
    }
}
