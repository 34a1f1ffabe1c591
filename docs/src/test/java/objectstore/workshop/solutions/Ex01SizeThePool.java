package objectstore.workshop.solutions;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import objectstore.connection.Target;

/** Solution 01: one connection per worker (the Apache client's default of 50 would cap 60 workers too). */
public final class Ex01SizeThePool {

    public static S3Client client(Target target, int workers) {
        return S3Client.builder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.credentials().accessKeyId(), target.credentials().secretAccessKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(workers)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                .build();
    }

    private Ex01SizeThePool() {
    }
}
