package objectstore.lite;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.asynchttpclient.ListenableFuture;

/**
 * One S3 call on its way: method, bucket (or null: ListBuckets), key (or null), raw query parameters, extra headers,
 * body (an array, or a region of a file sent from the file), where a successful answer's body goes, and its outcome.
 */
final class Call {

    /** What came back: status, headers and the body (empty for HEAD, for no body, and when a sink took it). */
    record Response(int status, HttpHeaders headers, byte[] body) {}

    /**
     * Where a 2xx answer's body goes instead of into an array: a ranged GET's bytes, written to a file as they arrive.
     * Both methods run on the connection's event loop, one answer's calls in order.
     */
    interface Sink {
        /**
         * The answer's status and headers, before its body; throws to refuse an answer that is not the one asked for.
         */
        void begin(int status, HttpHeaders headers);

        /** The next piece of the body, Netty's own buffer: read it, never keep it. */
        void accept(ByteBuf piece) throws IOException;
    }

    final String method;
    final String bucket;
    final String key;
    final List<String> query = new ArrayList<>(8);
    final List<String> headers = new ArrayList<>(4);
    byte[] body;
    /** A body sent from this file, {@code bodyLength} bytes from {@code bodyOffset}, or null. */
    Path bodyFile;

    long bodyOffset;
    long bodyLength;
    /** Where a 2xx answer's body goes; null: into {@link Response#body()}. */
    Sink sink;
    /** The body's hex SHA-256 (or UNSIGNED-PAYLOAD), computed once, before the first attempt. */
    String payloadHash;
    /** The route the latest attempt took: where it went, and for which region it was signed. */
    BucketRoutes.Route route;
    /** True once the call was sent to the bucket's region after an answer named it: it happens once at most. */
    volatile boolean redirected;
    /** The attempt being sent: 1, then 2 for the first retry... */
    volatile int attempt = 1;
    /** Completes with the 2xx response, or fails with the last attempt's error. */
    final CompletableFuture<Response> result = new CompletableFuture<>();
    /** The attempt on the wire, so that {@link #cancel} can cut it. */
    volatile ListenableFuture<Void> exchange;
    /** Set by {@link #cancel}: no attempt starts after it. */
    volatile CancellationException cancelled;

    Call(String method, String bucket, String key) {
        this.method = method;
        this.bucket = bucket;
        this.key = key;
    }

    Call query(String name, String value) {
        query.add(name);
        query.add(value);
        return this;
    }

    Call header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    Call body(byte[] data) {
        this.body = data;
        return this;
    }

    /**
     * A body of {@code length} bytes of {@code file} from {@code offset}, which async-http-client sends from the file
     * (sendfile over http); signed UNSIGNED-PAYLOAD, so the caller sends its integrity (Content-MD5, a checksum).
     */
    Call bodyFrom(Path file, long offset, long length) {
        if (length == 0) {
            return body(new byte[0]);
        }
        this.bodyFile = file;
        this.bodyOffset = offset;
        this.bodyLength = length;
        return this;
    }

    Call sink(Sink target) {
        this.sink = target;
        return this;
    }

    /** True when the call sends a body (an array or a file region). */
    boolean hasBody() {
        return body != null || bodyFile != null;
    }

    /**
     * Stops the call: an attempt on the wire is cut (its connection closed), none starts after, and the call fails with
     * a {@link CancellationException} saying {@code why}, unless it has already completed.
     */
    void cancel(String why) {
        CancellationException reason = new CancellationException(why);
        cancelled = reason;
        ListenableFuture<Void> onTheWire = exchange;
        if (onTheWire != null) {
            onTheWire.abort(reason);
        }
    }

    /** {@code bucket} or {@code bucket/key} ({@code /} for no bucket), for log lines and messages. */
    String target() {
        return bucket == null ? "/" : key == null ? bucket : bucket + "/" + key;
    }
}
