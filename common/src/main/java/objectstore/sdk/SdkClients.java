package objectstore.sdk;

import java.time.Duration;
import objectstore.connection.Credentials;
import objectstore.connection.Target;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK for Java v2 clients of chapters 01-04, configured once, the same way, for any S3-compatible store.
 *
 * <p>Three settings make the SDK work against S3Proxy and MinIO:
 *
 * <ul>
 *   <li>path-style addressing ({@code http://host:port/bucket/key}): a local server has no DNS entry per bucket, which
 *       virtual-hosted style ({@code bucket.host}) would need;
 *   <li>checksums only where the API requires them ({@code WHEN_REQUIRED}): since 2.30 the SDK otherwise adds CRC32
 *       checksums in aws-chunked trailers to every upload, which not every S3-compatible server accepts, and which
 *       would make the SDK do work the other chapters' clients don't do;
 *   <li>DeleteObjects is one of the operations that do require a checksum, and the SDK sends one itself, so nothing
 *       else is needed for the batched purge.
 * </ul>
 *
 * The HTTP connection pool is sized to the experiment's concurrency: a pool smaller than the number of threads makes
 * threads queue for a connection (the original thread-pool experiment's hidden limit).
 */
public final class SdkClients {

    private SdkClients() {}

    /** A blocking {@code S3Client} on the Apache HTTP client, with {@code maxConnections} pooled connections. */
    public static S3Client blocking(Target target, int maxConnections) {
        return forS3Compatible(S3Client.builder(), target)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(maxConnections)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                .build();
    }

    /** An {@code S3AsyncClient} on the SDK's Netty client, with up to {@code maxConcurrency} connections. */
    public static S3AsyncClient async(Target target, int maxConcurrency) {
        return forS3Compatible(S3AsyncClient.builder(), target)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(maxConcurrency)
                        // Requests beyond maxConcurrency wait for a connection instead of failing.
                        .maxPendingConnectionAcquires(1_000_000)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                .build();
    }

    /**
     * The SDK's CRT-based {@code S3AsyncClient} (native code; needs the aws-crt jar at run time), with the same
     * settings: path-style, checksums only where required (the CRT client otherwise adds a CRC32 to every upload and
     * checks one on every download), and at most {@code maxConcurrency} requests in flight.
     */
    public static S3AsyncClient crt(Target target, int maxConcurrency) {
        return S3AsyncClient.crtBuilder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(sdkCredentials(target.credentials())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .maxConcurrency(maxConcurrency)
                .build();
    }

    /** The settings above, on either of the SDK's Java clients' builders. */
    private static <B extends S3BaseClientBuilder<B, ?>> B forS3Compatible(B builder, Target target) {
        return builder.endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(sdkCredentials(target.credentials())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    /** E.g. {@code AWS SDK for Java 2.57.8, S3Client on apache-client, 300 connections}. */
    public static String describe(String client, String http, int connections) {
        return "AWS SDK for Java " + VersionInfo.SDK_VERSION + ", " + client + " on " + http + ", " + connections
                + (connections == 1 ? " connection" : " connections");
    }

    /** The project's credentials as the SDK's: basic keys, or session credentials with their token. */
    public static AwsCredentials sdkCredentials(Credentials credentials) {
        return credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }
}
