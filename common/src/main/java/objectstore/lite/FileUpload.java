package objectstore.lite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import objectstore.store.ETags;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.UserError;
import objectstore.util.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file uploaded as one object: one PUT under the multipart threshold, else CreateMultipartUpload, up to
 * {@code parallel} UploadParts in flight, and CompleteMultipartUpload.
 *
 * <p>Each part is read once, on a digest thread, for its MD5 and its checksum ({@link FileDigests}), then sent from the
 * file itself, so no part is ever held in memory; it carries its Content-MD5 and checksum, and the store's ETag for it
 * must be that MD5. A part that fails is tried again as a part, by the transport's retry rule. The whole object's
 * checksum is the parts' CRCs combined ({@link ChecksumAlgorithm#combine}), and its ETag must be the MD5 of the parts'
 * MD5s followed by "-N": both checked when the upload completes.
 *
 * <p>A failure that is final (a part out of attempts, a refused completion) or a cancel cuts the parts on the wire,
 * waits until none is in flight, and aborts the upload; only then does the result fail.
 */
final class FileUpload extends Transfer<Uploaded> {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");

    private final Transport transport;
    private final String bucket;
    private final String key;
    private final Path file;
    private final TransferSettings settings;
    private final ChecksumAlgorithm checksum;

    private FileChannel channel;
    private int partCount;
    private byte[][] md5s;
    private long[] checksums;

    // What the upload is doing; guarded by this.
    private String uploadId;
    private int nextPart;
    private int inFlight;
    private int partsDone;
    private boolean completing;
    private boolean ending;
    private volatile boolean stopped;

    FileUpload(Transport transport, String bucket, String key, Path file, TransferSettings settings) {
        this.transport = transport;
        this.bucket = bucket;
        this.key = key;
        this.file = file;
        this.settings = settings;
        this.checksum = settings.checksum();
    }

    /** Opens the file and sends the first requests; bad input fails the result before any request. */
    FileUpload start() {
        try {
            S3Names.check(bucket, key);
            channel = FileDigests.open(file);
            size = FileDigests.size(channel, file);
            if (size < settings.multipartThreshold()) {
                single();
                return this;
            }
            long parts = settings.partsFor(size);
            if (parts > TransferSettings.MAX_PARTS) {
                long least = (size + TransferSettings.MAX_PARTS - 1) / TransferSettings.MAX_PARTS;
                throw new UserError(file + " is " + size + " bytes: in parts of " + settings.partSize()
                        + " bytes that is " + parts + " parts, more than S3's " + TransferSettings.MAX_PARTS
                        + "; give a part size of at least " + mebibytesUp(least) + " MiB");
            }
            partCount = (int) parts;
            md5s = new byte[partCount][];
            checksums = new long[partCount];
            create();
        } catch (RuntimeException e) {
            end(e);
        }
        return this;
    }

    // ---- One PUT ---------------------------------------------------------------------------------

    private void single() {
        synchronized (this) {
            inFlight = 1;
        }
        FileDigests.of(channel, 0, size, checksum, file, () -> stopped)
                .thenCompose(digest -> {
                    Call call = new Call("PUT", bucket, key).bodyFrom(file, 0, size);
                    integrity(call, digest);
                    if (checksum != null) {
                        checksums = new long[] {digest.checksum()};
                    }
                    String expected = HexFormat.of().formatHex(digest.md5());
                    return send(transport, call).thenApply(response -> {
                        String eTag = ETags.unquote(response.headers().get("ETag"));
                        check(
                                expected.equalsIgnoreCase(eTag),
                                "ETagMismatch",
                                "the store's ETag " + eTag + " is not the MD5 of the bytes sent, " + expected);
                        return eTag;
                    });
                })
                .whenComplete((eTag, e) -> {
                    Throwable why;
                    synchronized (this) {
                        inFlight = 0;
                        why = failure != null ? failure : e;
                    }
                    if (why != null) {
                        end(why);
                    } else {
                        transferred.set(size);
                        String value = checksum == null ? null : checksum.encode(checksums[0]);
                        succeed(new Uploaded(bucket, key, size, 0, eTag, checksum, value));
                    }
                });
    }

    // ---- Multipart -------------------------------------------------------------------------------

    private void create() {
        Call call = new Call("POST", bucket, key).query("uploads", "");
        if (checksum != null) {
            call.header("x-amz-checksum-algorithm", checksum.name()).header("x-amz-checksum-type", "FULL_OBJECT");
        }
        synchronized (this) {
            inFlight = 1;
        }
        send(transport, call).whenComplete((response, e) -> {
            String id = null;
            Throwable failed = e;
            if (e == null) {
                try {
                    id = S3Xml.uploadId(response.body());
                } catch (RuntimeException unreadable) {
                    failed = unreadable;
                }
            }
            synchronized (this) {
                uploadId = id;
                inFlight = 0;
                if (failed != null && failure == null) {
                    failure = Causes.root(failed);
                }
            }
            advance();
        });
    }

    /**
     * What comes next, after any event: more parts up to {@code parallel}; the completion once every part is in; after
     * a failure, once nothing is in flight, the abort.
     */
    private void advance() {
        List<Integer> parts = new ArrayList<>();
        boolean complete = false;
        boolean abort = false;
        synchronized (this) {
            if (ending || completing) {
                return;
            }
            if (failure != null) {
                abort = inFlight == 0;
                ending = abort;
            } else if (partsDone == partCount) {
                complete = true;
                completing = true;
            } else {
                while (inFlight < settings.parallel() && nextPart < partCount) {
                    parts.add(nextPart++);
                    inFlight++;
                }
            }
        }
        parts.forEach(this::part);
        if (complete) {
            complete();
        } else if (abort) {
            abort();
        }
    }

    private void part(int index) {
        long offset = index * settings.partSize();
        long length = Math.min(settings.partSize(), size - offset);
        FileDigests.of(channel, offset, length, checksum, file, () -> stopped)
                .thenCompose(digest -> {
                    md5s[index] = digest.md5();
                    checksums[index] = digest.checksum();
                    Call call = new Call("PUT", bucket, key)
                            .query("partNumber", Integer.toString(index + 1))
                            .query("uploadId", uploadId)
                            .bodyFrom(file, offset, length);
                    integrity(call, digest);
                    String expected = HexFormat.of().formatHex(digest.md5());
                    return send(transport, call).thenAccept(response -> {
                        String eTag = ETags.unquote(response.headers().get("ETag"));
                        check(
                                expected.equalsIgnoreCase(eTag),
                                "ETagMismatch",
                                "the store's ETag " + eTag + " for part " + (index + 1)
                                        + " is not the MD5 of the bytes sent, " + expected);
                    });
                })
                .whenComplete((ok, e) -> {
                    List<Call> cut = List.of();
                    synchronized (this) {
                        inFlight--;
                        if (e == null) {
                            partsDone++;
                        } else if (failure == null) {
                            failure = Causes.root(e);
                            stopped = true;
                            cut = callsOnTheWire();
                        }
                    }
                    if (e == null) {
                        transferred.addAndGet(length);
                    }
                    cut.forEach(call -> call.cancel("another part of the upload failed"));
                    advance();
                });
    }

    private void complete() {
        // tag::complete[]
        long whole = 0;
        if (checksum != null) {
            // The whole object's CRC from the parts', in order: no second pass over the file.
            whole = checksums[0];
            for (int i = 1; i < partCount; i++) {
                long length = Math.min(settings.partSize(), size - i * settings.partSize());
                whole = checksum.combine(whole, checksums[i], length);
            }
        }
        String expectedETag = FileDigests.multipartETag(md5s);
        String value = checksum == null ? null : checksum.encode(whole);
        Call call = new Call("POST", bucket, key)
                .query("uploadId", uploadId)
                .body(S3Xml.completeRequest(md5s, checksums, checksum))
                .header("content-type", "application/xml");
        if (checksum != null) {
            call.header(checksum.header(), value).header("x-amz-checksum-type", "FULL_OBJECT");
        }
        // end::complete[]
        // Not cancellable: once the store joins the parts, the object is there.
        transport.send(call).whenComplete((response, e) -> {
            try {
                if (e != null) {
                    Throwable cause = Causes.root(e);
                    throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
                }
                Map<String, String> answer = S3Xml.completeResult(response.body());
                if (answer.get("Code") != null && answer.get("ETag") == null) {
                    // An error after the 200: the parts were not joined.
                    throw new ObjectStoreException(answer.get("Code"), 200, answer.get("Message"), null);
                }
                String eTag = ETags.unquote(answer.get("ETag"));
                check(
                        expectedETag.equalsIgnoreCase(eTag),
                        "ETagMismatch",
                        "the store's ETag " + eTag + " is not the MD5 of the parts' MD5s, " + expectedETag);
                String stored = checksum == null ? null : response.headers().get(checksum.header());
                check(
                        stored == null || stored.equals(value),
                        "ChecksumMismatch",
                        "the store's " + checksum + " " + stored + " is not the parts' combined, " + value);
                transferred.set(size);
                succeed(new Uploaded(bucket, key, size, partCount, eTag, checksum, value));
            } catch (ObjectStoreException mismatch) {
                if (mismatch.code().endsWith("Mismatch")) {
                    end(mismatch); // the upload completed: nothing to abort
                } else {
                    abortThenEnd(mismatch);
                }
            } catch (RuntimeException refused) {
                abortThenEnd(refused);
            }
        });
    }

    private void abortThenEnd(Throwable why) {
        synchronized (this) {
            if (failure == null) {
                failure = why;
            }
        }
        abort();
    }

    /** Aborts the upload (when it was created), then ends with the failure, the abort's own failure added to it. */
    private void abort() {
        Throwable why;
        String id;
        synchronized (this) {
            why = failure;
            id = uploadId;
        }
        if (id == null) {
            end(why);
            return;
        }
        Call call = new Call("DELETE", bucket, key).query("uploadId", id);
        transport.send(call).whenComplete((response, e) -> {
            if (e != null) {
                LOG.warn("could not abort multipart upload {} of {}/{}: {}", id, bucket, key, e.getMessage());
                why.addSuppressed(new IllegalStateException("the multipart upload " + id + " of " + bucket + "/" + key
                        + " could not be aborted (" + e.getMessage() + "); abort it by its id"));
            }
            end(why);
        });
    }

    // ---- Stopping --------------------------------------------------------------------------------

    @Override
    void stop(Throwable why) {
        List<Call> cut;
        synchronized (this) {
            if (completing || ending || result.isDone() && !result.isCancelled()) {
                return;
            }
            if (failure == null) {
                failure = why;
            }
            stopped = true;
            cut = callsOnTheWire();
        }
        cut.forEach(call -> call.cancel(why.getMessage()));
    }

    /** Sends a call that a stop may cut; once stopped, nothing more is sent. */
    private void integrity(Call call, FileDigests.Digest digest) {
        call.header("content-md5", Base64.getEncoder().encodeToString(digest.md5()));
        if (checksum != null) {
            call.header(checksum.header(), checksum.encode(digest.checksum()));
        }
    }

    private static void check(boolean holds, String code, String message) {
        if (!holds) {
            throw new ObjectStoreException(code, 200, message, null);
        }
    }

    private void succeed(Uploaded uploaded) {
        close();
        result.complete(uploaded);
    }

    private void end(Throwable why) {
        close();
        result.completeExceptionally(Causes.root(why));
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing {} failed", file, e);
        }
    }

    private static long mebibytesUp(long bytes) {
        return Math.max(5, (bytes + TransferSettings.MIB - 1) / TransferSettings.MIB);
    }
}
