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
 * buffer, not a copy of it.)
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
    private int filled;
    private ByteArrayOutputStream unsized;
    private boolean overflowed;

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
        if (body != null && filled + length <= body.length) {
            buffer.getBytes(buffer.readerIndex(), body, filled, length);
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

    @Override
    public Void onCompleted() {
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        /*
         * A body of another length than its Content-Length is a broken answer, never an object: a
         * connection cut half-way, or a store that sent more than it promised.
         */
        if (body != null && filled != body.length) {
            log("failed (" + filled + " of " + body.length + " bytes)");
            transport.failed(
                    call, S3Errors.brokenBody(transport.endpoint(), call, filled, body.length, overflowed), false);
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
