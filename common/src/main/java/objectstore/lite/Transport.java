package objectstore.lite;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.AsyncHttpClientConfig;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.RequestBuilder;
import org.asynchttpclient.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import objectstore.connection.Target;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.util.LibraryVersion;
import objectstore.util.Permits;

/**
 * How a {@link Call} reaches the store: a permit, a signature, one async-http-client request, and
 * another attempt when {@link RetryPolicy} allows one.
 *
 * <p>Requests beyond {@code maxInFlight} wait in a queue for a permit ({@link Permits}) instead of
 * failing, and are signed when they leave it, so a long wait never sends a stale signature.
 */
final class Transport implements AutoCloseable {

    static final String AHC_VERSION = LibraryVersion.of(AsyncHttpClient.class, "org.asynchttpclient", "async-http-client");
    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");

    private final String endpoint;
    private final String scheme;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final LiteSettings settings;
    private final SigV4Signer signer;
    private final Permits permits;
    private final RetryPolicy retryPolicy;
    private final AsyncHttpClient http;

    Transport(Target target, LiteSettings settings) {
        URI uri = target.endpoint();
        String uriScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!uriScheme.equals("http") && !uriScheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be http://host[:port] or https://host[:port]; got " + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("endpoint must not have a path; got " + uri);
        }
        if (target.credentials() == null) {
            throw new IllegalArgumentException("the lite client needs credentials for " + uri);
        }
        this.endpoint = uri.getScheme() + "://" + uri.getRawAuthority();
        this.scheme = uriScheme;
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.hostHeader = port < 0 ? host : host + ":" + port;
        this.settings = settings;
        this.signer = new SigV4Signer(target.credentials(), target.region(), "s3");
        this.permits = new Permits(settings.maxInFlight());
        this.retryPolicy = new RetryPolicy(settings);

        /*
         * One AsyncHttpClient for the client's life: its event loop and connection pool are the
         * expensive part. URL encoding is off because we send the path we signed, byte for byte;
         * body parts arrive LAZY (Netty's own buffers) so a GET copies each byte once, into its array.
         * AHC's maxConnections stays unlimited: it fails requests beyond it, our Permits queue them.
         * AHC's own retry is off: every retry is ours, decided by one rule and counted.
         */
        DefaultAsyncHttpClientConfig config = new DefaultAsyncHttpClientConfig.Builder()
                .setConnectTimeout(settings.connectTimeout())
                .setRequestTimeout(settings.requestTimeout())
                .setReadTimeout(settings.readTimeout())
                .setDisableUrlEncodingForBoundRequests(true)
                .setResponseBodyPartFactory(AsyncHttpClientConfig.ResponseBodyPartFactory.LAZY)
                .setFollowRedirect(false)
                .setKeepAlive(true)
                .setMaxRequestRetry(0)
                // S3 sets no cookies: without a store AHC skips a cookie lookup on every request and response.
                .setCookieStore(null)
                .setUserAgent("object-store-experiments-lite/" + AHC_VERSION)
                .setThreadPoolName("lite-s3")
                // close() is called when every request is done: no quiet period to wait out.
                .setShutdownQuietPeriod(Duration.ZERO)
                .setShutdownTimeout(Duration.ofSeconds(2))
                .build();
        this.http = new DefaultAsyncHttpClient(config);
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:9001}. */
    String endpoint() {
        return endpoint;
    }

    /** Attempts sent again since the client opened. */
    long retries() {
        return retryPolicy.retries();
    }

    /**
     * Checks the names, hashes the body, queues for a permit; the future completes with a 2xx response
     * or fails with the mapped error. The hash is computed here, on the caller's thread, not on an I/O thread.
     */
    CompletableFuture<Call.Response> send(Call call) {
        try {
            if (call.bucket != null) {
                S3Names.check(call.bucket, call.key);
            }
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        call.payloadHash = call.body == null || call.body.length == 0 ? SigV4.EMPTY_PAYLOAD_SHA256
                : settings.unsignedPayload() ? SigV4.UNSIGNED_PAYLOAD
                : SigV4Signer.sha256Hex(call.body);
        permits.submit(() -> start(call));
        return call.result;
    }

    /** Runs when a permit is ours: signs with the current time and hands the request to AHC. */
    // tag::start[]
    private void start(Call call) {
        ResponseCollector collector = new ResponseCollector(this, call);
        try {
            String path = path(call.bucket, call.key);
            String signedHost = settings.pathStyle() || call.bucket == null ? hostHeader : call.bucket + "." + hostHeader;
            SigV4.Request request = SigV4.request(call.method, path)
                    .header("host", signedHost)
                    .payloadHash(call.payloadHash);
            for (int i = 0; i < call.query.size(); i += 2) {
                request.query(call.query.get(i), call.query.get(i + 1));
            }
            for (int i = 0; i < call.headers.size(); i += 2) {
                request.header(call.headers.get(i), call.headers.get(i + 1));
            }
            SigV4.Signature signature = signer.sign(request, System.currentTimeMillis() / 1000);

            // The Uri is built already encoded, and AHC told not to touch it: the wire path is the signed path.
            String uriHost = settings.pathStyle() || call.bucket == null ? host : call.bucket + "." + host;
            // No URL encoding (the path is already encoded and signed); no header validation (the client
            // writes every header itself, from names and values it built).
            RequestBuilder wire = new RequestBuilder(call.method, true, false)
                    .setUri(new Uri(scheme, null, uriHost, port, path, signature.query().isEmpty() ? null : signature.query(), null));
            request.forEachHeader((name, value) -> wire.setHeader(name, value));
            wire.setHeader("authorization", signature.authorization());
            if (call.body != null) {
                wire.setBody(call.body);
            }
            http.executeRequest(wire.build(), collector);
        } catch (RuntimeException e) {
            collector.onThrowable(e);
        }
    }
    // end::start[]

    /** The collector's report of a whole answer: a 2xx completes the call, an error may be tried again. */
    void answered(Call call, Call.Response response) {
        permits.release();
        if (response.status() >= 200 && response.status() < 300) {
            call.result.complete(response);
        } else {
            ObjectStoreException error = S3Errors.answered(call, response.status(), response.headers(), response.body());
            retryOrFail(call, error, error.retryable());
        }
    }

    /** The collector's report of no answer, or a broken one; {@code retryable} when no byte of an answer came back. */
    void failed(Call call, Throwable failure, boolean retryable) {
        permits.release();
        retryOrFail(call, S3Errors.unanswered(failure, endpoint, settings), retryable);
    }

    /** The next attempt queues for a permit and is signed afresh; with none left, the call fails with this attempt's error. */
    private void retryOrFail(Call call, Throwable failure, boolean retryable) {
        if (!retryPolicy.retry(call, failure, retryable, () -> permits.submit(() -> start(call)))) {
            call.result.completeExceptionally(failure);
        }
    }

    /** A presigned URL for an object; the names are checked first. */
    URI presign(String method, String bucket, String key, long expiresSeconds) {
        S3Names.check(bucket, key);
        String path = path(bucket, key);
        String signedHost = settings.pathStyle() ? hostHeader : bucket + "." + hostHeader;
        SigV4.Request request = SigV4.request(method, path).header("host", signedHost).payloadHash(SigV4.UNSIGNED_PAYLOAD);
        SigV4.Signature signature = signer.presign(request, Instant.now().getEpochSecond(), expiresSeconds);
        return URI.create(scheme + "://" + signedHost + path + "?" + signature.query());
    }

    /**
     * The encoded path: /bucket/key path-style, /key virtual-hosted, / for no bucket (ListBuckets); the
     * key encoded once, never normalized.
     */
    private String path(String bucket, String key) {
        StringBuilder path = new StringBuilder(64);
        if (settings.pathStyle() && bucket != null) {
            path.append('/').append(bucket);
        }
        if (key != null) {
            path.append('/');
            SigV4Signer.uriEncode(key, true, path);
        } else if (path.isEmpty()) {
            path.append('/');
        }
        return path.toString();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing async-http-client failed", e);
        }
    }
}
