package objectstore.connection;

import java.net.URI;

/**
 * Where a client connects, and as whom: the endpoint, the credentials and the region. For an S3 store all three; for
 * Redis the endpoint alone ({@code redis://:password@host:port} carries its password), with no credentials and the
 * default region.
 */
public record Target(URI endpoint, Credentials credentials, String region) {

    /** The region used unless told otherwise; S3Proxy and MinIO accept it. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** A Redis server's target: its URI, password included (never print it: see {@link Endpoints#printable}). */
    public static Target redis(URI uri) {
        return new Target(uri, null, DEFAULT_REGION);
    }
}
