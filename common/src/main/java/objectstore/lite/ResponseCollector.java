package objectstore.lite;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import objectstore.util.Causes;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one attempt's answer and reports it to the transport, exactly once: the whole answer (any status), or the
 * failure.
 *
 * <p>The body of a GET goes into one array of Content-Length bytes, each Netty buffer copied straight into it: no list
 * of parts, no concatenation, no second copy. (The transport asks AHC for LAZY body parts, so a part is Netty's own
 * buffer, not a copy of it.) A call with a {@link Call.Sink} hands a 2xx answer's buffers to the sink instead, and the
 * body is never held at all.
 */
final class ResponseCollector implements AsyncHandler<Void> {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");
    private static final byte[] NO_BYTES = new byte[0];

    private final Transport transport;
    private final Call call;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private int status;
    private HttpHeaders headers;
    private byte[] body;
    private long filled;
    private ByteArrayOutputStream unsized;
    private boolean overflowed;
    /** The Content-Length of an answer going to the call's sink, else -1. */
    private long sinking = -1;
    /** Why the sink refused a piece (a full disk, say): the call fails with it. */
    private Throwable sinkFailure;

    ResponseCollector(Transport transport, Call call) {
        this.transport = transport;
        this.call = call;
    }

    @Override
    public State onStatusReceived(HttpResponseStatus responseStatus) {
        status = responseStatus.getStatusCode();
        return State.CONTINUE;
    }

    // tag::body[]
    @Override
    public State onHeadersReceived(HttpHeaders responseHeaders) {
        headers = responseHeaders;
        String length = responseHeaders.get("Content-Length");
        if (call.sink != null && status >= 200 && status < 300 && length != null) {
            call.sink.begin(status, responseHeaders);
            sinking = Long.parseLong(length.trim());
            return State.CONTINUE;
        }
        if (!call.method.equals("HEAD") && length != null) {
            long size = Long.parseLong(length.trim());
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(
                        "object of " + size + " bytes does not fit a byte[]; read it in ranges");
            }
            body = new byte[(int) size];
        }
        return State.CONTINUE;
    }

    @Override
    public State onBodyPartReceived(HttpResponseBodyPart part) {
        ByteBuf buffer = part.getBodyByteBuf();
        int length = buffer.readableBytes();
        if (sinking >= 0) {
            return sink(buffer, length);
        }
        if (body != null && filled + length <= body.length) {
            buffer.getBytes(buffer.readerIndex(), body, (int) filled, length);
            filled += length;
        } else if (body != null) {
            // More bytes than the Content-Length promised: the answer cannot be trusted.
            overflowed = true;
            filled += length;
            return State.ABORT;
        } else {
            // No Content-Length (chunked): fall back to growing a buffer.
            if (unsized == null) {
                unsized = new ByteArrayOutputStream(Math.max(256, length));
            }
            byte[] chunk = new byte[length];
            buffer.getBytes(buffer.readerIndex(), chunk);
            unsized.writeBytes(chunk);
            filled += length;
        }
        return State.CONTINUE;
    }
    // end::body[]

    /** A piece of a 2xx answer to the call's sink; a cancelled call or a refused piece stops the answer. */
    private State sink(ByteBuf buffer, int length) {
        if (call.cancelled != null) {
            sinkFailure = call.cancelled;
            return State.ABORT;
        }
        if (filled + length > sinking) {
            overflowed = true;
            filled += length;
            return State.ABORT;
        }
        try {
            if (length > 0) {
                call.sink.accept(buffer);
            }
        } catch (IOException | RuntimeException e) {
            sinkFailure = e;
            return State.ABORT;
        }
        filled += length;
        return State.CONTINUE;
    }

    @Override
    public Void onCompleted() {
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        if (sinkFailure != null) {
            log("failed (" + sinkFailure.getClass().getSimpleName() + ")");
            transport.failed(call, sinkFailure, false);
            return null;
        }
        /*
         * A body of another length than its Content-Length is a broken answer, never an object: a
         * connection cut half-way, or a store that sent more than it promised.
         */
        long promised = sinking >= 0 ? sinking : body != null ? body.length : -1;
        if (promised >= 0 && filled != promised) {
            log("failed (" + filled + " of " + promised + " bytes)");
            transport.failed(
                    call, S3Errors.brokenBody(transport.endpoint(), call, filled, promised, overflowed), false);
            return null;
        }
        log(Integer.toString(status));
        byte[] bytes = unsized != null ? unsized.toByteArray() : body == null ? NO_BYTES : body;
        transport.answered(call, new Call.Response(status, headers, bytes));
        return null;
    }

    @Override
    public void onThrowable(Throwable failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        log("failed (" + failure.getClass().getSimpleName() + ")");
        // Retried only when no byte of an answer came back: the store may not have seen the request at all.
        boolean beforeAnswer = status == 0 && Causes.root(failure) instanceof IOException;
        transport.failed(call, failure, beforeAnswer);
    }

    private void log(String outcome) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {} {} {} {} ms",
                    call.method,
                    call.target(),
                    outcome,
                    filled,
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
    }
}
