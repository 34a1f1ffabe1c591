package objectstore.lite;

import io.netty.resolver.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import objectstore.connection.Target;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.util.Permits;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.RequestBuilder;
import org.asynchttpclient.channel.ChannelPoolPartitioning;
import org.asynchttpclient.request.body.generator.FileBodyGenerator;
import org.asynchttpclient.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Call} reaches the store: a permit, a signature, one async-http-client request, and another attempt when
 * {@link RetryPolicy} allows one.
 *
 * <p>Requests beyond {@code maxInFlight} wait in a queue for a permit ({@link Permits}) instead of failing, and are
 * signed when they leave it, so a long wait never sends a stale signature. While connections are still being opened,
 * fewer requests go out at once ({@link ConnectionPacing}), so a burst never floods the server with handshakes. Where a
 * request goes, and for which region it is signed, is its bucket's {@link BucketRoutes.Route}; an answer that names the
 * bucket's real region sends the call there once more.
 */
final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");

    private final String endpoint;
    private final String scheme;
    private final int port;
    private final LiteSettings settings;
    private final BucketRoutes routes;
    private final NameResolver<InetAddress> nameResolver;
    private final Permits permits;
    private final RetryPolicy retryPolicy;
    private final ConnectionPacing pacing;
    private final AsyncHttpClient http;

    Transport(Target target, LiteSettings settings) {
        URI uri = target.endpoint();
        String uriScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!uriScheme.equals("http") && !uriScheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpoint must be http://host[:port] or https://host[:port]; got " + uri);
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("endpoint must not have a path; got " + uri);
        }
        if (target.credentials() == null) {
            throw new IllegalArgumentException("the lite client needs credentials for " + uri);
        }
        this.endpoint = uri.getScheme() + "://" + uri.getRawAuthority();
        this.scheme = uriScheme;
        this.port = uri.getPort();
        this.settings = settings;
        this.routes = new BucketRoutes(target, settings.addressing());
        this.nameResolver = settings.nameResolver() != null ? settings.nameResolver() : LoopbackNames.INSTANCE;
        this.pacing = new ConnectionPacing(settings.maxInFlight());
        this.permits = pacing.permits();
        this.retryPolicy = new RetryPolicy(settings);

        this.http = HttpClients.open(settings, pacing);
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:9001}. */
    String endpoint() {
        return endpoint;
    }

    /** Attempts sent again since the client opened. */
    long retries() {
        return retryPolicy.retries();
    }

    /** Connections opened since the client opened. */
    long connectionsOpened() {
        return pacing.opened();
    }

    /** The most connections that were being opened at once. */
    int mostConnectionsOpening() {
        return pacing.mostOpening();
    }

    /**
     * Checks the names, hashes the body, queues for a permit; the future completes with a 2xx response or fails with
     * the mapped error. The hash is computed here, on the caller's thread, not on an I/O thread.
     */
    CompletableFuture<Call.Response> send(Call call) {
        try {
            if (call.bucket != null) {
                S3Names.check(call.bucket, call.key);
            }
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        if (call.bodyFile != null) {
            // A part of a file is never read to be hashed here: its sender vouches for it with Content-MD5.
            call.payloadHash = SigV4.UNSIGNED_PAYLOAD;
        } else {
            call.payloadHash = call.body == null || call.body.length == 0
                    ? SigV4.EMPTY_PAYLOAD_SHA256
                    : settings.unsignedPayload() ? SigV4.UNSIGNED_PAYLOAD : SigV4Signer.sha256Hex(call.body);
        }
        permits.submit(() -> start(call));
        return call.result;
    }

    /*
     * Connections are pooled by host. AHC's default names a pool by the URL's scheme, host and port,
     * which it builds as a new string for every request; one client has one scheme and one port, so the
     * host alone names the pool, and costs nothing.
     */
    private static final ChannelPoolPartitioning BY_HOST = (uri, virtualHost, proxy) -> uri.getHost();

    /**
     * How long a signature in the query string stays valid: the 15 minutes of clock skew S3 forgives a header
     * signature.
     */
    private static final long QUERY_SIGNATURE_SECONDS = 900;

    /** Runs when a permit is ours: signs with the current time and hands the request to AHC. */
    // tag::start[]
    private void start(Call call) {
        ResponseCollector collector = new ResponseCollector(this, call);
        if (call.cancelled != null) {
            collector.onThrowable(call.cancelled);
            return;
        }
        try {
            // Where the bucket lives: one map lookup; its host name and signer are built once and kept.
            BucketRoutes.Route route = routes.route(call.bucket);
            call.route = route;
            String path = path(route, call.bucket, call.key);
            boolean inQuery = settings.signInQuery() && !call.hasBody();
            SigV4.Request request = SigV4.request(call.method, path)
                    .header("host", route.hostHeader())
                    .payloadHash(inQuery ? SigV4.UNSIGNED_PAYLOAD : call.payloadHash);
            for (int i = 0; i < call.query.size(); i += 2) {
                request.query(call.query.get(i), call.query.get(i + 1));
            }
            for (int i = 0; i < call.headers.size(); i += 2) {
                request.header(call.headers.get(i), call.headers.get(i + 1));
            }
            long now = System.currentTimeMillis() / 1000;
            SigV4.Signature signature = inQuery
                    ? route.signer().presign(request, now, QUERY_SIGNATURE_SECONDS)
                    : route.signer().sign(request, now);

            // The Uri is built already encoded, and AHC told not to touch it: the wire path is the signed path.
            // No URL encoding (the path is already encoded and signed); no header validation (the client
            // writes every header itself, from names and values it built).
            RequestBuilder wire = new RequestBuilder(call.method, true, false)
                    .setUri(new Uri(
                            scheme,
                            null,
                            route.host(),
                            port,
                            path,
                            signature.query().isEmpty() ? null : signature.query(),
                            null))
                    .setChannelPoolPartitioning(BY_HOST);
            if (nameResolver != null) {
                wire.setNameResolver(nameResolver);
            }
            request.forEachHeader((name, value) -> wire.setHeader(name, value));
            if (!inQuery) {
                wire.setHeader("authorization", signature.authorization());
            }
            if (call.body != null) {
                wire.setBody(call.body);
            } else if (call.bodyFile != null) {
                wire.setBody(new FileBodyGenerator(call.bodyFile.toFile(), call.bodyOffset, call.bodyLength));
            }
            call.exchange = http.executeRequest(wire.build(), collector);
            if (call.cancelled != null) {
                call.exchange.abort(call.cancelled); // cancelled while it was being handed over
            }
        } catch (RuntimeException e) {
            collector.onThrowable(e);
        }
    }
    // end::start[]

    /**
     * The collector's report of a whole answer: a 2xx completes the call; an answer that names the bucket's region (the
     * call went to the wrong one) sends it there, once; another error may be tried again.
     */
    // tag::redirect[]
    void answered(Call call, Call.Response response) {
        permits.release();
        int status = response.status();
        if (status >= 200 && status < 300) {
            call.result.complete(response);
            return;
        }
        Map<String, String> xml = response.body().length > 0 ? S3Xml.error(response.body()) : null;
        ObjectStoreException error = S3Errors.answered(call, status, response.headers(), xml);
        String region =
                call.bucket == null || call.redirected ? null : S3Errors.bucketRegion(error, response.headers(), xml);
        if (region != null && routes.redirect(call.bucket, call.route, region)) {
            // At most once per call: a second answer of the kind fails the call with it.
            call.redirected = true;
            LOG.debug(
                    "{} {} answered {} {}: the bucket is in {}; sent there",
                    call.method,
                    call.target(),
                    status,
                    error.code(),
                    region);
            permits.submit(() -> start(call));
            return;
        }
        retryOrFail(call, error, error.retryable());
    }
    // end::redirect[]

    /** The collector's report of no answer, or a broken one; {@code retryable} when no byte of an answer came back. */
    void failed(Call call, Throwable failure, boolean retryable) {
        permits.release();
        retryOrFail(call, S3Errors.unanswered(failure, endpoint, settings), retryable);
    }

    /**
     * The next attempt queues for a permit and is signed afresh; with none left, the call fails with this attempt's
     * error.
     */
    private void retryOrFail(Call call, Throwable failure, boolean retryable) {
        if (call.cancelled != null) {
            call.result.completeExceptionally(call.cancelled);
            return;
        }
        if (!retryPolicy.retry(call, failure, retryable, () -> permits.submit(() -> start(call)))) {
            call.result.completeExceptionally(failure);
        }
    }

    /** A presigned URL for an object; the names are checked first. */
    URI presign(String method, String bucket, String key, long expiresSeconds) {
        S3Names.check(bucket, key);
        BucketRoutes.Route route = routes.route(bucket);
        String path = path(route, bucket, key);
        SigV4.Request request =
                SigV4.request(method, path).header("host", route.hostHeader()).payloadHash(SigV4.UNSIGNED_PAYLOAD);
        SigV4.Signature signature =
                route.signer().presign(request, Instant.now().getEpochSecond(), expiresSeconds);
        return URI.create(scheme + "://" + route.hostHeader() + path + "?" + signature.query());
    }

    /** Forgets the bucket's route: it was deleted, and a bucket of that name may next live elsewhere. */
    void forget(String bucket) {
        routes.forget(bucket);
    }

    /**
     * The encoded path: /bucket/key path-style, /key virtual-hosted, / for no bucket (ListBuckets); the key encoded
     * once, never normalized.
     */
    private static String path(BucketRoutes.Route route, String bucket, String key) {
        StringBuilder path = new StringBuilder(64);
        if (route.pathStyle() && bucket != null) {
            path.append('/').append(bucket);
        }
        if (key != null) {
            path.append('/');
            SigV4Canonical.uriEncode(key, true, path);
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
