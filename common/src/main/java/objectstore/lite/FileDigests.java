package objectstore.lite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.Checksum;
import objectstore.store.UserError;

/**
 * A region of a file read once, for its MD5 (the part's ETag, and its Content-MD5) and its whole-object checksum at the
 * same time, before the region is sent from the file.
 *
 * <p>The reading runs on a few threads of its own, one per core: hashing is the CPU-bound step of an upload (MD5 is
 * many times slower than sending from the page cache), and Netty's event loops must never wait for it. Each thread
 * reads through one direct buffer, small enough to stay in the CPU's cache while both digests go over it; that buffer
 * is the only memory an upload holds per thread, whatever the part size.
 */
final class FileDigests {

    /** A region's digests: its MD5 and, when asked for, its checksum (else 0). */
    record Digest(byte[] md5, long checksum) {}

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_BYTES));

    private FileDigests() {}

    /**
     * The digests of {@code length} bytes of {@code channel} from {@code offset}, read on a digest thread; fails with a
     * {@link UserError} when the file ends early (it shrank since it was opened), and stops early when {@code stopped}
     * turns true.
     */
    static CompletableFuture<Digest> of(
            FileChannel channel,
            long offset,
            long length,
            ChecksumAlgorithm algorithm,
            Path file,
            BooleanSupplier stopped) {
        return CompletableFuture.supplyAsync(
                () -> read(channel, offset, length, algorithm, file, stopped), Threads.POOL);
    }

    private static Digest read(
            FileChannel channel,
            long offset,
            long length,
            ChecksumAlgorithm algorithm,
            Path file,
            BooleanSupplier stopped) {
        MessageDigest md5 = md5();
        Checksum checksum = algorithm == null ? null : algorithm.newChecksum();
        ByteBuffer buffer = BUFFER.get();
        long position = offset;
        long end = offset + length;
        try {
            while (position < end) {
                if (stopped.getAsBoolean()) {
                    throw new CancellationException("stopped while reading " + file);
                }
                buffer.clear().limit((int) Math.min(BUFFER_BYTES, end - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new UserError(file + " ended at byte " + position + " while it was uploaded (it was "
                            + channel.size() + " bytes when opened); upload it again once nothing writes to it");
                }
                position += read;
                buffer.flip();
                if (checksum != null) {
                    checksum.update(buffer.duplicate());
                }
                md5.update(buffer);
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); check it is a readable file");
        }
        return new Digest(md5.digest(), checksum == null ? 0 : checksum.getValue());
    }

    /** The file to upload, open for reading; a missing or unreadable file is a {@link UserError}. */
    static FileChannel open(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a folder; upload a file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UserError("no file " + file + " to upload; check the path");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); check it is a readable file");
        }
    }

    /** The open file's size. */
    static long size(FileChannel channel, Path file) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); check it is a readable file");
        }
    }

    /** The ETag S3 gives a multipart object: the MD5 of the parts' MD5s, then "-" and the number of parts. */
    static String multipartETag(byte[][] partMd5s) {
        MessageDigest md5 = md5();
        for (byte[] part : partMd5s) {
            md5.update(part);
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + partMd5s.length;
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    /** The digest threads, started on first use; daemons, so they never keep the JVM alive. */
    private static final class Threads {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService POOL =
                Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
                    Thread thread = new Thread(task, "lite-s3-digest-" + COUNT.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
