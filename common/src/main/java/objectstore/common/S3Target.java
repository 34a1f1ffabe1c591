package objectstore.common;

import java.net.URI;

/** Everything an S3 client needs to reach a store: the endpoint, the credentials and the region. */
public record S3Target(URI endpoint, Credentials credentials, String region) {

    /** The region used unless told otherwise; S3Proxy and MinIO accept it. */
    public static final String DEFAULT_REGION = "us-east-1";
}
