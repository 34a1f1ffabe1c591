package objectstore.lite;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One S3 call on its way: method, bucket (or null: ListBuckets), key (or null), raw query parameters, extra headers,
 * body, and its outcome.
 */
final class Call {

    /** What came back: status, headers and the body (empty for HEAD and for no body). */
    record Response(int status, HttpHeaders headers, byte[] body) {}

    final String method;
    final String bucket;
    final String key;
    final List<String> query = new ArrayList<>(8);
    final List<String> headers = new ArrayList<>(4);
    byte[] body;
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

    /** {@code bucket} or {@code bucket/key} ({@code /} for no bucket), for log lines and messages. */
    String target() {
        return bucket == null ? "/" : key == null ? bucket : bucket + "/" + key;
    }
}
