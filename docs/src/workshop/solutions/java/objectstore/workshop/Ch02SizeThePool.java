package objectstore.workshop;

import objectstore.connection.Target;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The solution: one connection per worker, which is what chapters 01-04 get from {@code SdkClients.blocking} (the same
 * builder as the exercise, with {@code maxConnections(workers)}). Removing the line is not enough: the Apache client's
 * own default of 50 would cap 60 workers too.
 */
public final class Ch02SizeThePool {

    /** A blocking S3 client for {@code workers} threads that each make one request at a time. */
    public static S3Client client(Target target, int workers) {
        return SdkClients.blocking(target, workers);
    }

    private Ch02SizeThePool() {}
}
