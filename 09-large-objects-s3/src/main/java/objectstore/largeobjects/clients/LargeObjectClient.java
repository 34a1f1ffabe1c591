package objectstore.largeobjects.clients;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One way to move an object between a file and a bucket: the SDK on one stream or in parts, the CRT, the Transfer
 * Manager, the lite client. The chapter measures each behind this interface, each in a JVM of its own.
 */
public interface LargeObjectClient extends AutoCloseable {

    /** The library and how it is set up, for the results, e.g. {@code AWS SDK for Java 2.57.8, ...}. */
    String description();

    /** How it moves an object of {@code size} bytes up ({@code put}) or down: one stream, or parts, so many at once. */
    Plan plan(long size, boolean put);

    /** What it checks itself beyond the HTTP exchange, e.g. {@code CRC32 trailer sent}; {@code none}. */
    String checksum();

    /** Uploads {@code file} as {@code bucket/key}; completes with the ETag the store answered. */
    CompletableFuture<String> put(String bucket, String key, Path file);

    /** Downloads {@code bucket/key} into {@code file}, which must not exist yet. */
    Download get(String bucket, String key, Path file);

    @Override
    void close();

    /**
     * How an object is moved.
     *
     * @param partSize the bytes of each part (or range); null for one stream
     * @param parallel parts or ranges in flight at once; null for one stream, or where the client works it out itself
     * @param parts the parts (or ranges) of the object; 1 for one stream
     */
    record Plan(Long partSize, Integer parallel, int parts) {

        /** One request carries the whole object. */
        public static Plan oneStream() {
            return new Plan(null, null, 1);
        }

        /** Parts of {@code partSize}, {@code parallel} at once (null: the client decides), of {@code size} bytes. */
        public static Plan parts(long size, long partSize, Integer parallel) {
            return new Plan(partSize, parallel, (int) Math.max(1, (size + partSize - 1) / partSize));
        }

        public boolean multipart() {
            return partSize != null;
        }
    }

    /**
     * A download under way: its end, and how many bytes it has written so far (from the client's own progress where it
     * has one, else the file's size), which tells when the first one arrived.
     */
    record Download(CompletableFuture<?> done, LongSupplier bytesWritten) {}
}
