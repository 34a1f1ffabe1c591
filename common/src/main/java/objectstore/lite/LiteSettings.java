package objectstore.lite;

import java.time.Duration;

import objectstore.common.S3Target;

/**
 * How to open a lite client: signing region, the most requests in flight, path-style or
 * virtual-hosted addressing, whether to skip payload hashing, and the two timeouts.
 */
public record LiteSettings(String region, int maxConnections, boolean pathStyle, boolean unsignedPayload,
                           Duration requestTimeout, Duration connectTimeout) {

    public LiteSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1; got " + maxConnections);
        }
    }

    /** us-east-1, 64 in flight, path-style, payloads signed, 60 s per request, 5 s to connect. */
    public static LiteSettings defaults() {
        return new LiteSettings(S3Target.DEFAULT_REGION, 64, true, false, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    /** These settings with another region. */
    public LiteSettings withRegion(String newRegion) {
        return new LiteSettings(newRegion, maxConnections, pathStyle, unsignedPayload, requestTimeout, connectTimeout);
    }

    /** These settings with another limit on requests in flight. */
    public LiteSettings withMaxConnections(int newMaxConnections) {
        return new LiteSettings(region, newMaxConnections, pathStyle, unsignedPayload, requestTimeout, connectTimeout);
    }

    /** These settings with payload hashing on (false) or off (true). */
    public LiteSettings withUnsignedPayload(boolean unsigned) {
        return new LiteSettings(region, maxConnections, pathStyle, unsigned, requestTimeout, connectTimeout);
    }
}
