package objectstore.lite;

import java.time.Duration;

/**
 * How to open a lite client: the most requests in flight, path-style or
 * virtual-hosted addressing, whether to skip payload hashing, the three timeouts, and the retries.
 *
 * <p>The one way to configure {@link LiteS3Client#open} (and {@link LiteClients#open}): start from
 * {@link #defaults()} and change what you need with the withers; every value is checked once, here.
 * docs/faults-and-limits.md explains each timeout and which failures are retried.
 *
 * @param maxInFlight     the most requests in flight at once, on either lite client; more wait in a queue
 * @param pathStyle       {@code http://host/bucket/key} (true) or {@code http://bucket.host/key} (false)
 * @param unsignedPayload send UNSIGNED-PAYLOAD instead of hashing each body (saves a SHA-256 pass per PUT)
 * @param requestTimeout  how long one attempt may take from sending to the last byte of the answer
 * @param connectTimeout  how long connecting may take
 * @param readTimeout     how long a connection may stay silent while an answer is awaited (a stalled store)
 * @param maxAttempts     attempts per call, the first included: 1 never retries
 * @param retryBaseDelay  the backoff before retry n is random(0, min(retryMaxDelay, retryBaseDelay * 2^(n-1)))
 * @param retryMaxDelay   the cap on that backoff
 */
public record LiteSettings(int maxInFlight, boolean pathStyle, boolean unsignedPayload,
                           Duration requestTimeout, Duration connectTimeout, Duration readTimeout,
                           int maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay) {

    /** 60 s per attempt, 5 s to connect, 20 s of silence. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    /** Three attempts, backoff from 100 ms, capped at 5 s. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(5);

    public LiteSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1; got " + maxInFlight);
        }
        positive("requestTimeout", requestTimeout);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 20; got " + maxAttempts);
        }
        if (retryBaseDelay == null || retryBaseDelay.isNegative() || retryMaxDelay == null || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= base <= max; got " + retryBaseDelay + " and " + retryMaxDelay);
        }
    }

    /** 64 in flight, path-style, payloads signed, the default timeouts and retries. */
    public static LiteSettings defaults() {
        return new LiteSettings(64, true, false, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BASE_DELAY, DEFAULT_RETRY_MAX_DELAY);
    }

    /** These settings with another limit on requests in flight. */
    public LiteSettings withMaxInFlight(int newMaxInFlight) {
        return new LiteSettings(newMaxInFlight, pathStyle, unsignedPayload, requestTimeout, connectTimeout,
                readTimeout, maxAttempts, retryBaseDelay, retryMaxDelay);
    }

    /** These settings with path-style (true) or virtual-hosted (false) addressing. */
    public LiteSettings withPathStyle(boolean newPathStyle) {
        return new LiteSettings(maxInFlight, newPathStyle, unsignedPayload, requestTimeout, connectTimeout,
                readTimeout, maxAttempts, retryBaseDelay, retryMaxDelay);
    }

    /** These settings with payload hashing on (false) or off (true). */
    public LiteSettings withUnsignedPayload(boolean unsigned) {
        return new LiteSettings(maxInFlight, pathStyle, unsigned, requestTimeout, connectTimeout,
                readTimeout, maxAttempts, retryBaseDelay, retryMaxDelay);
    }

    /** These settings with other timeouts: per attempt, to connect, and of silence. */
    public LiteSettings withTimeouts(Duration request, Duration connect, Duration read) {
        return new LiteSettings(maxInFlight, pathStyle, unsignedPayload, request, connect,
                read, maxAttempts, retryBaseDelay, retryMaxDelay);
    }

    /** These settings with other retries: attempts per call (1: none), and the backoff's base and cap. */
    public LiteSettings withRetries(int attempts, Duration baseDelay, Duration maxDelay) {
        return new LiteSettings(maxInFlight, pathStyle, unsignedPayload, requestTimeout, connectTimeout,
                readTimeout, attempts, baseDelay, maxDelay);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; got " + value);
        }
    }
}
