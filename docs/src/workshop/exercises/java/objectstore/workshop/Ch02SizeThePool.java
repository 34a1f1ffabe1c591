package objectstore.workshop;

import java.time.Duration;
import objectstore.connection.Target;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chapter 02: size the connection pool to the thread pool.
 *
 * <p>Chapter 02's original ran 300 threads over an HTTP pool of 10 connections: 290 threads queued for a connection,
 * and the "thread pool" ran 10 requests at a time. The check runs {@code workers} threads through your client to the
 * real S3Proxy, by way of a proxy that holds every request until all the workers' requests are there, and counts the
 * most it held at once.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch02SizeThePoolCheck}
 */
public final class Ch02SizeThePool {

    /** The original's pool: botocore's default of 10 connections. */
    static final int ORIGINAL_POOL = 10;

    /** A blocking S3 client for {@code workers} threads that each make one request at a time. */
    public static S3Client client(Target target, int workers) {
        return S3Client.builder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        target.credentials().accessKeyId(), target.credentials().secretAccessKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        // TODO goal: every worker gets a connection, so `workers` requests can be in flight at once
                        .maxConnections(ORIGINAL_POOL)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                .build();
    }

    private Ch02SizeThePool() {}
}
