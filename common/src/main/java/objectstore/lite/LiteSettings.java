package objectstore.lite;

import io.netty.resolver.NameResolver;
import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How to open a lite client: the most requests in flight, how buckets are addressed, whether to skip payload hashing,
 * the three timeouts, the retries, and (rarely) whom https trusts and how host names are resolved.
 *
 * <p>The one way to configure {@link LiteS3Client#open} (and the Redis facade, when an endpoint's scheme opens it):
 * start from {@link #defaults()} and change what you need with the withers; every value is checked once, here.
 * docs/faults-and-limits.md explains each timeout and which failures are retried.
 *
 * @param maxInFlight the most requests in flight at once, on either lite client; more wait in a queue
 * @param addressing where the bucket goes: in the path, in the host name, or chosen by the endpoint
 *     ({@link Addressing})
 * @param unsignedPayload send UNSIGNED-PAYLOAD instead of hashing each body (saves a SHA-256 pass per PUT)
 * @param signInQuery sign requests without a body (GET, HEAD, DELETE) in the query string, as a presigned URL is,
 *     instead of in headers; PUTs keep theirs in headers (see docs/05-lite-http-s3.md)
 * @param ioThreads Netty event loops for the connections; 0: async-http-client's default, two per core
 * @param requestTimeout how long one attempt may take from sending to the last byte of the answer
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long a connection may stay silent while an answer is awaited (a stalled store)
 * @param maxAttempts attempts per call, the first included: 1 never retries
 * @param retryBaseDelay the backoff before retry n is random(0, min(retryMaxDelay, retryBaseDelay * 2^(n-1)))
 * @param retryMaxDelay the cap on that backoff
 * @param sslContext whom https connections trust; null: the JDK's trust store (as any Java program). Host names are
 *     checked against the certificate either way
 * @param nameResolver how host names become addresses; null: the JDK's resolver, but for {@code localhost} and the
 *     names under it ({@code bucket.s3.localhost}), which are loopback (RFC 6761), as curl and the browsers have it
 */
public record LiteSettings(
        int maxInFlight,
        Addressing addressing,
        boolean unsignedPayload,
        boolean signInQuery,
        int ioThreads,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        SSLContext sslContext,
        NameResolver<InetAddress> nameResolver) {

    /** 60 s per attempt, 5 s to connect, 20 s of silence. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    /** Three attempts, backoff from 100 ms, capped at 5 s. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(5);

    /**
     * Where a request names its bucket. {@code PATH}: {@code https://host/bucket/key}. {@code VIRTUAL}:
     * {@code https://bucket.host/key}, as AWS prefers. {@code AUTO}: virtual-hosted on AWS's own endpoints (a host
     * under amazonaws.com), path-style on any other (S3Proxy, MinIO, a fault proxy).
     *
     * <p>Virtual-hosted or not, a bucket with a dot in its name goes path-style over https, as the AWS SDKs do:
     * {@code my.bucket.s3.eu-west-3.amazonaws.com} is not covered by the certificate's
     * {@code *.s3.eu-west-3.amazonaws.com}.
     */
    public enum Addressing {
        AUTO,
        PATH,
        VIRTUAL
    }

    public LiteSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1; got " + maxInFlight);
        }
        if (ioThreads < 0 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be 0 (the default) to 256; got " + ioThreads);
        }
        if (addressing == null) {
            throw new IllegalArgumentException("addressing must be AUTO, PATH or VIRTUAL; got null");
        }
        positive("requestTimeout", requestTimeout);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 20; got " + maxAttempts);
        }
        if (retryBaseDelay == null
                || retryBaseDelay.isNegative()
                || retryMaxDelay == null
                || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException(
                    "retry delays must satisfy 0 <= base <= max; got " + retryBaseDelay + " and " + retryMaxDelay);
        }
    }

    /**
     * 64 in flight, addressing AUTO, payloads signed, async-http-client's event loops, the default timeouts and
     * retries, the JDK's trust store and resolver.
     */
    public static LiteSettings defaults() {
        return new LiteSettings(
                64,
                Addressing.AUTO,
                false,
                false,
                0,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_RETRY_BASE_DELAY,
                DEFAULT_RETRY_MAX_DELAY,
                null,
                null);
    }

    /** These settings with another limit on requests in flight. */
    public LiteSettings withMaxInFlight(int newMaxInFlight) {
        return new LiteSettings(
                newMaxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with another way of addressing buckets. */
    public LiteSettings withAddressing(Addressing newAddressing) {
        return new LiteSettings(
                maxInFlight,
                newAddressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with payload hashing on (false) or off (true). */
    public LiteSettings withUnsignedPayload(boolean unsigned) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsigned,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with requests that have no body signed in the query string ({@code true}) or in headers. */
    public LiteSettings withSignInQuery(boolean inQuery) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                inQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with {@code threads} Netty event loops (0: async-http-client's default, two per core). */
    public LiteSettings withIoThreads(int threads) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                threads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with other timeouts: per attempt, to connect, and of silence. */
    public LiteSettings withTimeouts(Duration request, Duration connect, Duration read) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                request,
                connect,
                read,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings with other retries: attempts per call (1: none), and the backoff's base and cap. */
    public LiteSettings withRetries(int attempts, Duration baseDelay, Duration maxDelay) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                attempts,
                baseDelay,
                maxDelay,
                sslContext,
                nameResolver);
    }

    /** These settings trusting what {@code context} trusts over https (null: the JDK's trust store again). */
    public LiteSettings withSslContext(SSLContext context) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                context,
                nameResolver);
    }

    /** These settings resolving host names with {@code resolver} (null: the default again, see the class comment). */
    public LiteSettings withNameResolver(NameResolver<InetAddress> resolver) {
        return new LiteSettings(
                maxInFlight,
                addressing,
                unsignedPayload,
                signInQuery,
                ioThreads,
                requestTimeout,
                connectTimeout,
                readTimeout,
                maxAttempts,
                retryBaseDelay,
                retryMaxDelay,
                sslContext,
                resolver);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; got " + value);
        }
    }
}
