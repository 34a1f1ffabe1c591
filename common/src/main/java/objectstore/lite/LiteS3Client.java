package objectstore.lite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.AsyncHttpClientConfig;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.asynchttpclient.RequestBuilder;
import org.asynchttpclient.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

import objectstore.connection.Credentials;
import objectstore.connection.Target;
import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;

/**
 * An S3 client in one class: SigV4 signing ({@link SigV4Signer}) over one shared async-http-client.
 *
 * <p>Every method returns at once. Requests beyond {@code maxConnections} wait in a queue for a
 * permit instead of failing, and are signed when they leave, so a long wait never sends a stale
 * signature. Invalid bucket names and keys fail the returned future with an
 * {@link IllegalArgumentException} before any request is sent; store errors fail it with an
 * {@link ObjectStoreException}, and an endpoint that does not answer with a
 * {@link StoreUnavailableException} naming it.
 *
 * <p>Every call is idempotent (see {@link #deleteObjects}), so a failed attempt is tried again, up to
 * {@code maxAttempts} in all, when the store answered 500, 502, 503 or 504, or when the connection failed
 * before any byte of an answer came back. A 4xx, a timeout, or a connection lost in the middle of an
 * answer is never retried. The wait before retry n is random(0, min(cap, base * 2^(n-1))): "full
 * jitter", so clients that failed together do not come back together. {@link #retries()} counts them.
 *
 * <p>Set the logger {@code objectstore.lite} to DEBUG to see each request's method, path, status and
 * time (never its headers, so never a signature or a secret).
 */
public final class LiteS3Client implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger("objectstore.lite");
    private static final String AHC_VERSION = ahcVersion();
    private static final XMLInputFactory XML = xmlFactory();
    private static final byte[] NO_BYTES = new byte[0];

    private final String endpointText;
    private final String scheme;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String region;
    private final boolean pathStyle;
    private final boolean unsignedPayload;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final long retryBaseMillis;
    private final long retryMaxMillis;
    private final LongAdder retries = new LongAdder();
    private final SigV4Signer signer;
    private final Permits permits;
    private final AsyncHttpClient http;

    private LiteS3Client(Builder builder) {
        URI endpoint = builder.endpoint;
        this.endpointText = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        this.scheme = endpoint.getScheme().toLowerCase();
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
        this.hostHeader = port < 0 ? host : host + ":" + port;
        this.region = builder.region;
        this.pathStyle = builder.pathStyle;
        this.unsignedPayload = builder.unsignedPayload;
        this.requestTimeout = builder.requestTimeout;
        this.readTimeout = builder.readTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.retryBaseMillis = builder.retryBaseDelay.toMillis();
        this.retryMaxMillis = builder.retryMaxDelay.toMillis();
        this.signer = new SigV4Signer(builder.credentials, builder.region, "s3");
        this.permits = new Permits(builder.maxConnections);

        /*
         * One AsyncHttpClient for the client's life: its event loop and connection pool are the
         * expensive part. URL encoding is off because we send the path we signed, byte for byte;
         * body parts arrive LAZY (Netty's own buffers) so a GET copies each byte once, into its array.
         * AHC's maxConnections stays unlimited: it fails requests beyond it, our Permits queue them.
         * AHC's own retry is off: every retry is ours, decided by one rule and counted.
         */
        DefaultAsyncHttpClientConfig config = new DefaultAsyncHttpClientConfig.Builder()
                .setConnectTimeout(builder.connectTimeout)
                .setRequestTimeout(builder.requestTimeout)
                .setReadTimeout(builder.readTimeout)
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

    /** Starts a builder; only the endpoint and the credentials have no default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client for {@code target} with {@code settings}. */
    public static LiteS3Client open(Target target, LiteSettings settings) {
        return builder().endpoint(target.endpoint()).credentials(target.credentials()).region(target.region())
                .maxConnections(settings.maxInFlight())
                .pathStyle(settings.pathStyle())
                .unsignedPayload(settings.unsignedPayload())
                .requestTimeout(settings.requestTimeout())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .retries(settings.maxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay())
                .build();
    }

    /** A client for {@code target} with default settings. */
    public static LiteS3Client of(Target target) {
        return open(target, LiteSettings.defaults());
    }

    @Override
    public String description() {
        return "lite client (async-http-client " + AHC_VERSION + ")";
    }

    /** The endpoint this client talks to, e.g. {@code http://127.0.0.1:9001}. */
    public String endpoint() {
        return endpointText;
    }

    /** Attempts sent again after a 5xx or a connection that failed before any answer, since the client opened. */
    @Override
    public long retries() {
        return retries.sum();
    }

    /** The signer, for presigned URLs and for tests. */
    public SigV4Signer signer() {
        return signer;
    }

    // ---- Buckets --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        byte[] body = NO_BYTES;
        if (!region.equals(Target.DEFAULT_REGION)) {
            // Outside us-east-1, S3 wants the bucket's region in the body.
            body = ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                    + region + "</LocationConstraint></CreateBucketConfiguration>").getBytes(StandardCharsets.UTF_8);
        }
        return send(new Call("PUT", bucket, null).body(body)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return send(new Call("DELETE", bucket, null)).thenApply(response -> null);
    }

    // ---- Objects --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return send(new Call("PUT", bucket, key).body(data)).thenApply(response -> unquote(response.headers.get("ETag")));
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return send(new Call("GET", bucket, key)).thenApply(response -> response.body);
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return send(new Call("HEAD", bucket, key)).thenApply(response -> new ObjectInfo(key,
                Long.parseLong(response.headers.get("Content-Length", "0")),
                unquote(response.headers.get("ETag")),
                httpDate(response.headers.get("Last-Modified"))));
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return send(new Call("DELETE", bucket, key)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<ListPage> listObjects(String bucket, String prefix, String continuationToken, int maxKeys) {
        Call call = new Call("GET", bucket, null).query("list-type", "2");
        if (prefix != null && !prefix.isEmpty()) {
            call.query("prefix", prefix);
        }
        if (continuationToken != null) {
            call.query("continuation-token", continuationToken);
        }
        if (maxKeys > 0) {
            call.query("max-keys", Integer.toString(maxKeys));
        }
        return send(call).thenApply(response -> parseListPage(response.body));
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (keys.size() > MAX_DELETE_KEYS) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "DeleteObjects takes at most " + MAX_DELETE_KEYS + " keys; got " + keys.size() + ": split the list"));
        }
        /*
         * POST /bucket?delete with the keys in XML, Quiet so only failures come back. Though a POST, it is
         * idempotent, and retried like the others: deleting a key twice leaves the same bucket, and S3
         * reports an absent key as deleted, not as an error. S3 insists on a
         * Content-MD5 of the body for this call, and the keys must be XML-escaped.
         */
        StringBuilder xml = new StringBuilder(64 + keys.size() * 48);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>");
        for (String key : keys) {
            String problem = keyProblem(key);
            if (problem != null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
            }
            xml.append("<Object><Key>");
            appendXmlEscaped(key, xml);
            xml.append("</Key></Object>");
        }
        xml.append("</Delete>");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        Call call = new Call("POST", bucket, null).query("delete", "").body(body)
                .header("content-md5", Base64.getEncoder().encodeToString(md5(body)))
                .header("content-type", "application/xml");
        return send(call).thenApply(response -> parseDeleteErrors(response.body));
    }

    /** A presigned GET (or PUT) URL for an object, valid for {@code expiresSeconds} (at most 7 days). */
    public URI presign(String method, String bucket, String key, long expiresSeconds) {
        String problem = bucketProblem(bucket);
        if (problem == null) {
            problem = keyProblem(key);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String path = path(bucket, key);
        String signedHost = pathStyle ? hostHeader : bucket + "." + hostHeader;
        SigV4Signer.Request request = SigV4Signer.request(method, path).header("host", signedHost)
                .payloadHash(SigV4Signer.UNSIGNED_PAYLOAD);
        SigV4Signer.Signature signature = signer.presign(request, Instant.now().getEpochSecond(), expiresSeconds);
        return URI.create(scheme + "://" + signedHost + path + "?" + signature.query());
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing async-http-client failed", e);
        }
    }

    // ---- The request path -----------------------------------------------------------------------

    /** One S3 call before signing: method, bucket, key (or null), raw query parameters, body and extra headers. */
    private static final class Call {
        final String method;
        final String bucket;
        final String key;
        final List<String> query = new ArrayList<>(8);
        final List<String> headers = new ArrayList<>(4);
        byte[] body;
        /** The attempt being sent: 1, then 2 for the first retry... */
        volatile int attempt = 1;

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
    }

    /** What came back: status, headers and the body (empty for HEAD and for no body). */
    private record Response(int status, HttpHeaders headers, byte[] body) {
    }

    /**
     * Validates, queues for a permit, signs, sends; completes with a 2xx response or fails with the
     * mapped error. The payload hash is computed here, on the caller's thread, not on an I/O thread.
     */
    private CompletableFuture<Response> send(Call call) {
        String problem = bucketProblem(call.bucket);
        if (problem == null && call.key != null) {
            problem = keyProblem(call.key);
        }
        if (problem != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        String payloadHash = call.body == null || call.body.length == 0 ? SigV4Signer.EMPTY_PAYLOAD_SHA256
                : unsignedPayload ? SigV4Signer.UNSIGNED_PAYLOAD
                : SigV4Signer.sha256Hex(call.body);
        CompletableFuture<Response> result = new CompletableFuture<>();
        permits.submit(() -> start(call, payloadHash, result));
        return result;
    }

    /**
     * Ends an attempt that failed: schedules the next one when the failure may be retried and attempts
     * remain, else fails the call. The wait runs on a timer, so no thread sleeps, and the next attempt
     * queues for a permit and is signed afresh.
     */
    private void failed(Call call, String payloadHash, CompletableFuture<Response> result, Throwable failure, boolean retryable) {
        if (!retryable || call.attempt >= maxAttempts) {
            result.completeExceptionally(failure);
            return;
        }
        long delay = ThreadLocalRandom.current().nextLong(backoffCapMillis(call.attempt) + 1);
        call.attempt++;
        retries.increment();
        LOG.debug("{} {} attempt {} of {} in {} ms after: {}", call.method, call.bucket + (call.key == null ? "" : "/" + call.key),
                call.attempt, maxAttempts, delay, failure.getMessage());
        try {
            RetryTimer.TIMER.schedule(() -> permits.submit(() -> start(call, payloadHash, result)), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.completeExceptionally(failure);
        }
    }

    /** min(cap, base * 2^(attempt-1)): the longest wait before the retry that follows {@code attempt}. */
    long backoffCapMillis(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        return Math.min(retryMaxMillis, retryBaseMillis << doublings);
    }

    /** One timer thread for every client's retries; a daemon, so it never keeps the JVM alive. */
    private static final class RetryTimer {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lite-s3-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs when a permit is ours: signs with the current time and hands the request to AHC. */
    // tag::start[]
    private void start(Call call, String payloadHash, CompletableFuture<Response> result) {
        Collector collector = new Collector(call, payloadHash, result);
        try {
            String path = path(call.bucket, call.key);
            String signedHost = pathStyle ? hostHeader : call.bucket + "." + hostHeader;
            SigV4Signer.Request request = SigV4Signer.request(call.method, path)
                    .header("host", signedHost)
                    .payloadHash(payloadHash);
            for (int i = 0; i < call.query.size(); i += 2) {
                request.query(call.query.get(i), call.query.get(i + 1));
            }
            for (int i = 0; i < call.headers.size(); i += 2) {
                request.header(call.headers.get(i), call.headers.get(i + 1));
            }
            SigV4Signer.Signature signature = signer.sign(request, System.currentTimeMillis() / 1000);

            // The Uri is built already encoded, and AHC told not to touch it: the wire path is the signed path.
            String uriHost = pathStyle ? host : call.bucket + "." + host;
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

    /** The encoded path: /bucket/key path-style, /key virtual-hosted; the key encoded once, never normalized. */
    private String path(String bucket, String key) {
        StringBuilder path = new StringBuilder(64);
        if (pathStyle) {
            path.append('/').append(bucket);
        }
        if (key != null) {
            path.append('/');
            SigV4Signer.uriEncode(key, true, path);
        } else if (!pathStyle) {
            path.append('/');
        }
        return path.toString();
    }

    /**
     * Collects one response. The body of a GET goes into one array of Content-Length bytes, each
     * Netty buffer copied straight into it: no list of parts, no concatenation, no second copy.
     * Finishing (success or failure) returns the permit and logs the request exactly once.
     */
    private final class Collector implements AsyncHandler<Void> {
        private final Call call;
        private final String payloadHash;
        private final CompletableFuture<Response> result;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean finished = new AtomicBoolean();
        private int status;
        private HttpHeaders headers;
        private byte[] body;
        private int filled;
        private ByteArrayOutputStream unsized;
        private boolean overflowed;

        Collector(Call call, String payloadHash, CompletableFuture<Response> result) {
            this.call = call;
            this.payloadHash = payloadHash;
            this.result = result;
        }

        @Override
        public State onStatusReceived(HttpResponseStatus responseStatus) {
            status = responseStatus.getStatusCode();
            return State.CONTINUE;
        }

        @Override
        public State onHeadersReceived(HttpHeaders responseHeaders) {
            headers = responseHeaders;
            String length = responseHeaders.get("Content-Length");
            if (!call.method.equals("HEAD") && length != null) {
                long size = Long.parseLong(length.trim());
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("object of " + size + " bytes does not fit a byte[]; read it in ranges");
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
                    unsized = new ByteArrayOutputStream(Math.max(256, filled + length));
                    if (body != null) {
                        unsized.write(body, 0, filled);
                    }
                }
                byte[] chunk = new byte[length];
                buffer.getBytes(buffer.readerIndex(), chunk);
                unsized.writeBytes(chunk);
            }
            return State.CONTINUE;
        }

        @Override
        public Void onCompleted() {
            if (!finished.compareAndSet(false, true)) {
                return null;
            }
            permits.release();
            /*
             * A body of another length than its Content-Length is a broken answer, never an object: a
             * connection cut half-way, or a store that sent more than it promised.
             */
            if (body != null && filled != body.length) {
                log("failed (" + filled + " of " + body.length + " bytes)");
                result.completeExceptionally(new StoreUnavailableException("the answer from " + endpointText + " to " + call.method + " "
                        + call.bucket + (call.key == null ? "" : "/" + call.key) + " had " + (overflowed ? "more than " : "") + filled
                        + " body bytes where its Content-Length promised " + body.length, null));
                return null;
            }
            byte[] bytes = unsized != null ? unsized.toByteArray() : body == null ? NO_BYTES : body;
            log(Integer.toString(status));
            if (status >= 200 && status < 300) {
                result.complete(new Response(status, headers, bytes));
            } else {
                ObjectStoreException error = storeError(call, status, headers, bytes);
                failed(call, payloadHash, result, error, error.retryable());
            }
            return null;
        }

        @Override
        public void onThrowable(Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            permits.release();
            log("failed (" + failure.getClass().getSimpleName() + ")");
            Throwable mapped = unavailable(failure);
            // Retried only when no byte of an answer came back: the store may not have seen the request at all.
            boolean beforeAnswer = status == 0 && rootCause(failure) instanceof IOException;
            failed(call, payloadHash, result, mapped, beforeAnswer);
        }

        private void log(String outcome) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} {} {} ms", call.method, call.bucket + (call.key == null ? "" : "/" + call.key),
                        outcome, filled, (System.nanoTime() - startNanos) / 1_000_000);
            }
        }
    }

    /*
     * A permit queue. AHC's own maxConnections fails a request beyond the limit
     * (TooManyConnectionsException); an experiment that offers 1,000 requests to 16 connections wants
     * them to wait. A request takes a permit or joins the queue; each finished request returns its
     * permit and starts the next in line. Nothing blocks: the caller's thread never waits here.
     */
    static final class Permits {
        private final Semaphore available;
        private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger drainers = new AtomicInteger();

        Permits(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1; got " + count);
            }
            available = new Semaphore(count);
        }

        void submit(Runnable request) {
            waiting.add(request);
            drain();
        }

        void release() {
            available.release();
            drain();
        }

        /*
         * One thread drains at a time; a thread that finds another draining leaves a note (the counter)
         * and returns, and the drainer loops once more. So a request that fails at once, releasing its
         * permit inside drain(), never recurses into a deep stack.
         */
        private void drain() {
            if (drainers.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                while (!waiting.isEmpty() && available.tryAcquire()) {
                    Runnable next = waiting.poll();
                    if (next == null) {
                        available.release();
                    } else {
                        next.run();
                    }
                }
                missed = drainers.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }

    // ---- Errors -----------------------------------------------------------------------------------

    /** S3's XML error body to an ObjectStoreException; a body-less answer (HEAD) gets the code its status implies. */
    private static ObjectStoreException storeError(Call call, int status, HttpHeaders headers, byte[] body) {
        String requestId = headers == null ? null : headers.get("x-amz-request-id");
        if (body.length > 0) {
            String[] parsed = parseError(body);
            if (parsed != null && parsed[0] != null) {
                return new ObjectStoreException(parsed[0], status, parsed[1], parsed[2] != null ? parsed[2] : requestId);
            }
        }
        String code = switch (status) {
            case 404 -> call.key != null ? "NoSuchKey" : "NoSuchBucket";
            case 403 -> "AccessDenied";
            case 400 -> "BadRequest";
            case 301, 307 -> "PermanentRedirect";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 503 -> "SlowDown";
            default -> "HTTP" + status;
        };
        return new ObjectStoreException(code, status, null, requestId);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure without an answer to a StoreUnavailableException that names the endpoint. */
    private Throwable unavailable(Throwable failure) {
        Throwable cause = rootCause(failure);
        if (cause instanceof IllegalArgumentException || cause instanceof ObjectStoreException) {
            return cause;
        }
        if (cause instanceof ConnectException) {
            String why = cause.getMessage() == null ? "connection refused" : cause.getMessage();
            int address = why.indexOf(": ");
            return new StoreUnavailableException("cannot connect to " + endpointText + ": "
                    + (address > 0 ? why.substring(0, address) : why), cause);
        }
        if (cause instanceof TimeoutException) {
            return new StoreUnavailableException("no answer from " + endpointText + " in time (" + cause.getMessage()
                    + "; timeouts: " + readTimeout.toMillis() + " ms of silence, " + requestTimeout.toMillis() + " ms per request)", cause);
        }
        if (cause instanceof IOException) {
            return new StoreUnavailableException("connection to " + endpointText + " failed: " + cause, cause);
        }
        return cause;
    }

    // ---- Names ------------------------------------------------------------------------------------

    /** Why a bucket name breaks S3's rules, or null when it is valid. */
    static String bucketProblem(String bucket) {
        if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
            return "invalid bucket name '" + bucket + "': it must be 3 to 63 characters long";
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
            if (!allowed) {
                return "invalid bucket name '" + bucket + "': only lowercase letters, digits, '.' and '-' are allowed";
            }
        }
        if (!isAlphanumeric(bucket.charAt(0)) || !isAlphanumeric(bucket.charAt(bucket.length() - 1))) {
            return "invalid bucket name '" + bucket + "': it must start and end with a letter or digit";
        }
        if (bucket.contains("..")) {
            return "invalid bucket name '" + bucket + "': it must not contain '..'";
        }
        if (looksLikeIpAddress(bucket)) {
            return "invalid bucket name '" + bucket + "': it must not look like an IP address";
        }
        return null;
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean looksLikeIpAddress(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    /** Why a key cannot be stored, or null: empty, over 1,024 UTF-8 bytes, or not valid UTF-16. */
    static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "invalid key: it must not be empty";
        }
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return "invalid key: unpaired surrogate at index " + i + " has no UTF-8 form";
            } else {
                bytes += 3;
            }
        }
        if (bytes > 1024) {
            return "invalid key: " + bytes + " UTF-8 bytes, S3 allows at most 1,024";
        }
        return null;
    }

    // ---- XML --------------------------------------------------------------------------------------

    /*
     * S3 answers in small XML documents. The JDK's StAX reader, coalescing, with DTDs and external
     * entities off, walks them once; getElementText() decodes entities (&amp; &lt; &#13; ...), so keys
     * come back exactly as stored.
     */

    private static ListPage parseListPage(byte[] xml) {
        List<ObjectInfo> objects = new ArrayList<>();
        String nextToken = null;
        boolean truncated = false;
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            String key = null;
            long size = 0;
            String eTag = null;
            Instant lastModified = null;
            boolean inContents = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Contents" -> {
                            inContents = true;
                            key = null;
                            size = 0;
                            eTag = null;
                            lastModified = null;
                        }
                        case "Key" -> key = inContents ? reader.getElementText() : key;
                        case "Size" -> size = inContents ? Long.parseLong(reader.getElementText().trim()) : size;
                        case "ETag" -> eTag = inContents ? unquote(reader.getElementText()) : eTag;
                        case "LastModified" -> lastModified = inContents ? Instant.parse(reader.getElementText().trim()) : lastModified;
                        case "NextContinuationToken" -> nextToken = reader.getElementText();
                        case "IsTruncated" -> truncated = Boolean.parseBoolean(reader.getElementText().trim());
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("Contents")) {
                    objects.add(new ObjectInfo(key, size, eTag, lastModified));
                    inContents = false;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException("MalformedListResponse", 200, "could not read the ListObjectsV2 answer: " + e.getMessage(), null);
        }
        return new ListPage(objects, truncated && nextToken != null && !nextToken.isEmpty() ? nextToken : null);
    }

    private static List<DeleteError> parseDeleteErrors(byte[] xml) {
        List<DeleteError> errors = new ArrayList<>();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            String key = null;
            String code = null;
            String message = null;
            boolean inError = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Error" -> {
                            inError = true;
                            key = null;
                            code = null;
                            message = null;
                        }
                        case "Key" -> key = inError ? reader.getElementText() : key;
                        case "Code" -> code = inError ? reader.getElementText() : code;
                        case "Message" -> message = inError ? reader.getElementText() : message;
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("Error")) {
                    errors.add(new DeleteError(key, code, message));
                    inError = false;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException("MalformedDeleteResponse", 200, "could not read the DeleteObjects answer: " + e.getMessage(), null);
        }
        return errors;
    }

    /** Code, message and request id of an {@code <Error>} body; null when it is not one. */
    private static String[] parseError(byte[] xml) {
        String[] found = new String[3];
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Code" -> found[0] = reader.getElementText();
                        case "Message" -> found[1] = reader.getElementText();
                        case "RequestId" -> found[2] = reader.getElementText();
                        default -> {
                        }
                    }
                }
            }
            return found;
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
    }

    private static void appendXmlEscaped(String text, StringBuilder xml) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                case '\r' -> xml.append("&#13;");
                case '\n' -> xml.append("&#10;");
                case '\t' -> xml.append("&#9;");
                default -> xml.append(c);
            }
        }
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    // ---- Small helpers ----------------------------------------------------------------------------

    private static String unquote(String eTag) {
        if (eTag == null) {
            return null;
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    private static String ahcVersion() {
        try (InputStream in = AsyncHttpClient.class.getResourceAsStream(
                "/META-INF/maven/org.asynchttpclient/async-http-client/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "3");
            }
        } catch (IOException e) {
            // fall through
        }
        return "3";
    }

    /** Settings for a {@link LiteS3Client}; see each method for its default. */
    public static final class Builder {
        private URI endpoint;
        private Credentials credentials;
        private String region = Target.DEFAULT_REGION;
        private int maxConnections = 64;
        private boolean pathStyle = true;
        private boolean unsignedPayload;
        private Duration requestTimeout = LiteSettings.DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = LiteSettings.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = LiteSettings.DEFAULT_READ_TIMEOUT;
        private int maxAttempts = LiteSettings.DEFAULT_MAX_ATTEMPTS;
        private Duration retryBaseDelay = LiteSettings.DEFAULT_RETRY_BASE_DELAY;
        private Duration retryMaxDelay = LiteSettings.DEFAULT_RETRY_MAX_DELAY;

        private Builder() {
        }

        /** The store's endpoint, http or https, e.g. {@code http://127.0.0.1:9001}; no path. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The access key, secret and optional session token. */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The signing region; us-east-1 unless set. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The most requests in flight at once (size it to the experiment's concurrency); more wait in a queue. 64 unless set. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** {@code http://host/bucket/key} (true, the default) or {@code http://bucket.host/key} (false). */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /** Sends UNSIGNED-PAYLOAD instead of hashing each body (saves a SHA-256 pass per PUT); off unless set. */
        public Builder unsignedPayload(boolean unsignedPayload) {
            this.unsignedPayload = unsignedPayload;
            return this;
        }

        /** How long one request may take, queueing excluded; 60 s unless set. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long connecting may take; 5 s unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long a connection may stay silent while an answer is awaited; 20 s unless set. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Attempts per call (1: no retry) and the backoff's base and cap; 3, 100 ms and 5 s unless set. */
        public Builder retries(int maxAttempts, Duration baseDelay, Duration maxDelay) {
            this.maxAttempts = maxAttempts;
            this.retryBaseDelay = baseDelay;
            this.retryMaxDelay = maxDelay;
            return this;
        }

        /** Checks the settings and starts the client (its event loop and connection pool). */
        public LiteS3Client build() {
            if (endpoint == null || credentials == null) {
                throw new IllegalArgumentException("a LiteS3Client needs an endpoint and credentials");
            }
            String endpointScheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
            if (!endpointScheme.equals("http") && !endpointScheme.equals("https") || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be http://host[:port] or https://host[:port]; got " + endpoint);
            }
            if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")) {
                throw new IllegalArgumentException("endpoint must not have a path; got " + endpoint);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1; got " + maxConnections);
            }
            // The record checks every timeout and retry setting once, with one message each.
            new LiteSettings(maxConnections, pathStyle, unsignedPayload, requestTimeout, connectTimeout, readTimeout,
                    maxAttempts, retryBaseDelay, retryMaxDelay);
            return new LiteS3Client(this);
        }
    }
}
