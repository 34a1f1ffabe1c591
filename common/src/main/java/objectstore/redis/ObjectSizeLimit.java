package objectstore.redis;

import java.util.OptionalLong;
import objectstore.store.ObjectStoreException;

/**
 * The largest object a PUT takes. Redis answers a value longer than its {@code proto-max-bulk-len} (512 MiB unless
 * configured otherwise) with a protocol error and closes the connection, failing every command in flight on it; so the
 * facade refuses such an object itself, before sending anything, as S3 refuses one over its own limit: EntityTooLarge.
 * The stored value is the object and its 45-byte header.
 *
 * @param maxObjectSize the most bytes an object may have
 * @param source where the limit comes from, for the error's message
 */
record ObjectSizeLimit(long maxObjectSize, String source) {

    /** Redis's default {@code proto-max-bulk-len}, 512 MiB. */
    static final long DEFAULT_PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    /**
     * The server's limit when it says (CONFIG GET), else the endpoint's {@code proto-max-bulk-len}, else Redis's
     * default.
     */
    static ObjectSizeLimit of(OptionalLong fromServer, long fromEndpoint) {
        if (fromServer.isPresent()) {
            return limit(fromServer.getAsLong(), "its proto-max-bulk-len");
        }
        if (fromEndpoint > 0) {
            return limit(fromEndpoint, "the endpoint's proto-max-bulk-len");
        }
        return limit(DEFAULT_PROTO_MAX_BULK_LEN, "Redis's default proto-max-bulk-len");
    }

    private static ObjectSizeLimit limit(long protoMaxBulkLen, String name) {
        return new ObjectSizeLimit(
                protoMaxBulkLen - ObjectHeader.LENGTH,
                name + " " + protoMaxBulkLen + " less the " + ObjectHeader.LENGTH + "-byte header");
    }

    /** Refuses {@code size} bytes with EntityTooLarge (400) when it is over the limit. */
    void check(long size, String endpoint) {
        if (size > maxObjectSize) {
            throw new ObjectStoreException(
                    "EntityTooLarge",
                    400,
                    "the object is " + size + " bytes; " + endpoint + " takes at most " + maxObjectSize + " (" + source
                            + ")",
                    null);
        }
    }
}
