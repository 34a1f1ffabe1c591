package objectstore.lite;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Checksum;
import objectstore.store.ETags;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object downloaded to a file: a HEAD for its size, ETag and stored checksum, then ranged GETs of {@code partSize}
 * bytes, up to {@code parallel} at once, each written where it belongs in a temporary file ({@link DestinationFile})
 * straight from Netty's buffers.
 *
 * <p>Every range asks for the version the HEAD saw ({@code If-Match}), so an object replaced meanwhile fails the
 * download instead of mixing two versions. A range whose connection is cut is asked again from the last byte written,
 * up to {@code maxResumes} times. Each range's CRC is computed as its bytes arrive, in order within the range; the
 * ranges' CRCs combined, in any order of arrival, are the whole object's, checked against the store's when it keeps
 * one.
 */
final class FileDownload extends Transfer<Downloaded> {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");

    private final Transport transport;
    private final String bucket;
    private final String key;
    private final Path destination;
    private final TransferSettings settings;

    private DestinationFile target;
    private String eTag;
    private ChecksumAlgorithm algorithm;
    private Long stored;
    private Range[] ranges;

    // What the download is doing; guarded by this.
    private int nextRange;
    private int inFlight;
    private int rangesDone;
    private boolean ending;

    FileDownload(Transport transport, String bucket, String key, Path destination, TransferSettings settings) {
        this.transport = transport;
        this.bucket = bucket;
        this.key = key;
        this.destination = destination;
        this.settings = settings;
    }

    /** Checks the destination, then asks for the object's HEAD; bad input fails the result before any request. */
    FileDownload start() {
        try {
            S3Names.check(bucket, key);
            DestinationFile.check(destination);
        } catch (RuntimeException e) {
            end(e);
            return this;
        }
        synchronized (this) {
            inFlight = 1;
        }
        Call head = new Call("HEAD", bucket, key).header("x-amz-checksum-mode", "ENABLED");
        send(transport, head).whenComplete((response, e) -> {
            Throwable failed = e;
            if (e == null) {
                try {
                    plan(response.headers());
                } catch (RuntimeException refused) {
                    failed = refused;
                }
            }
            synchronized (this) {
                inFlight = 0;
                if (failed != null && failure == null) {
                    failure = Causes.root(failed);
                }
            }
            advance();
        });
        return this;
    }

    /** From the HEAD: the size, the version to ask for, the checksum to compute, the temporary file, the ranges. */
    private void plan(HttpHeaders headers) {
        long length = Long.parseLong(headers.get("Content-Length", "0").trim());
        eTag = headers.get("ETag");
        if (settings.checksum() != null) {
            algorithm = settings.checksum();
            for (ChecksumAlgorithm kept : ChecksumAlgorithm.values()) {
                Long value = kept.decode(headers.get(kept.header()));
                if (value != null) {
                    algorithm = kept; // the store's whole-object checksum: compute that one, and check it
                    stored = value;
                }
            }
        }
        long step = length < settings.multipartThreshold() ? Math.max(1, length) : settings.partSize();
        int count = (int) ((length + step - 1) / step);
        Range[] planned = new Range[count];
        for (int i = 0; i < count; i++) {
            planned[i] = new Range(i * step, Math.min(length, (i + 1) * step) - 1);
        }
        target = DestinationFile.create(destination, length);
        ranges = planned;
        size = length;
    }

    /** What comes next: more ranges; the check and the rename once all are in; after a failure, the cleanup. */
    private void advance() {
        List<Range> starting = new ArrayList<>();
        boolean finish = false;
        boolean fail = false;
        synchronized (this) {
            if (ending) {
                return;
            }
            if (failure != null) {
                fail = inFlight == 0;
                ending = fail;
            } else if (rangesDone == ranges.length) {
                finish = true;
                ending = true;
            } else {
                while (inFlight < settings.parallel() && nextRange < ranges.length) {
                    starting.add(ranges[nextRange++]);
                    inFlight++;
                }
            }
        }
        starting.forEach(this::fetch);
        if (finish) {
            finish();
        } else if (fail) {
            end(failure);
        }
    }

    private void fetch(Range range) {
        Call call = new Call("GET", bucket, key)
                .header("range", "bytes=" + range.next + "-" + range.last)
                .sink(range);
        if (eTag != null) {
            call.header("if-match", eTag);
        }
        send(transport, call).whenComplete((response, e) -> done(range, e));
    }

    /** A range's answer: done, resumed from its last byte written when its connection was cut, or the failure. */
    private void done(Range range, Throwable e) {
        Throwable cause = e == null ? null : Causes.root(e);
        boolean resume = false;
        List<Call> cut = List.of();
        synchronized (this) {
            if (cause == null) {
                inFlight--;
                rangesDone++;
            } else if (failure == null
                    && cause instanceof StoreUnavailableException
                    && range.resumes < settings.maxResumes()) {
                range.resumes++;
                resume = true;
            } else {
                inFlight--;
                if (failure == null) {
                    failure = changed(cause);
                    cut = callsOnTheWire();
                }
            }
        }
        cut.forEach(call -> call.cancel("another range of the download failed"));
        if (resume) {
            LOG.debug(
                    "{}/{}: range {}-{} cut at {}, resumed ({})", bucket, key, range.first, range.last, range.next, e);
            fetch(range);
        } else {
            advance();
        }
    }

    /** A 412 to If-Match: the object is not the one the HEAD saw. */
    private Throwable changed(Throwable cause) {
        if (cause instanceof ObjectStoreException answered && answered.status() == 412) {
            return new ObjectStoreException(
                    "PreconditionFailed",
                    412,
                    bucket + "/" + key + " changed during the download (its ETag is no longer " + eTag
                            + "); download it again",
                    answered.requestId());
        }
        return cause;
    }

    private void finish() {
        try {
            String value = null;
            boolean checked = false;
            if (algorithm != null) {
                long whole = 0;
                for (int i = 0; i < ranges.length; i++) {
                    long crc = ranges[i].checksum.getValue();
                    whole = i == 0 ? crc : algorithm.combine(whole, crc, ranges[i].last - ranges[i].first + 1);
                }
                if (ranges.length == 0) {
                    whole = algorithm.newChecksum().getValue();
                }
                value = algorithm.encode(whole);
                if (stored != null && stored != whole) {
                    throw new ObjectStoreException(
                            "ChecksumMismatch",
                            200,
                            "the bytes received have " + algorithm + " " + value + ", the store keeps "
                                    + algorithm.encode(stored),
                            null);
                }
                checked = stored != null;
            }
            target.commit();
            transferred.set(size);
            result.complete(new Downloaded(
                    bucket, key, destination, size, ranges.length, ETags.unquote(eTag), algorithm, value, checked));
        } catch (RuntimeException e) {
            end(e);
        }
    }

    @Override
    void stop(Throwable why) {
        List<Call> cut;
        synchronized (this) {
            if (ending) {
                return;
            }
            if (failure == null) {
                failure = why;
            }
            cut = callsOnTheWire();
        }
        cut.forEach(call -> call.cancel(why.getMessage()));
        advance();
    }

    private void end(Throwable why) {
        if (target != null) {
            target.discard();
        }
        result.completeExceptionally(Causes.root(why));
    }

    /**
     * One range of the object, {@code first} to {@code last}: the next byte to write and the CRC of those written, both
     * kept across resumes. The sink of each GET for it.
     */
    private final class Range implements Call.Sink {
        final long first;
        final long last;
        final Checksum checksum;
        long next;
        int resumes;

        Range(long first, long last) {
            this.first = first;
            this.last = last;
            this.next = first;
            this.checksum = algorithm == null ? null : algorithm.newChecksum();
        }

        @Override
        public void begin(int status, HttpHeaders headers) {
            String range = headers.get("Content-Range");
            String expected = "bytes " + next + "-" + last + "/" + size;
            boolean whole = status == 200 && next == 0 && last == size - 1;
            if (!whole && !(status == 206 && expected.equals(range))) {
                throw new ObjectStoreException(
                        "UnexpectedRange",
                        status,
                        "asked for " + expected + ", got " + (range == null ? "no Content-Range" : range),
                        null);
            }
        }

        // tag::sink[]
        @Override
        public void accept(ByteBuf piece) {
            int length = piece.readableBytes();
            if (piece.nioBufferCount() == 1) {
                write(piece.nioBuffer());
            } else {
                for (ByteBuffer bytes : piece.nioBuffers()) {
                    write(bytes);
                }
            }
            transferred.addAndGet(length);
        }

        /** Netty's buffer, positionally written where it belongs: no copy into an array. */
        private void write(ByteBuffer bytes) {
            if (checksum != null) {
                checksum.update(bytes.duplicate());
            }
            int length = bytes.remaining();
            target.write(bytes, next);
            next += length;
        }
        // end::sink[]
    }
}
