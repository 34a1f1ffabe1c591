package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The lite client's large objects and the AWS SDK's, both ways, on S3Proxy's filesystem backend: an object the SDK's
 * multipart client uploaded comes down through the lite client's ranges, and an object the lite client uploaded in
 * parts is read by the SDK, which checks the full-object CRC32C the lite client combined from its parts.
 */
class LargeObjectsInteropTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    static Path folder;

    static EmbeddedS3Proxy store;
    static LiteS3Client lite;
    static String bucket;
    static Path source;

    @BeforeAll
    static void start() throws IOException {
        store = TestStores.diskS3();
        lite = LiteS3Client.of(store.target());
        bucket = "interop-large-" + UUID.randomUUID().toString().substring(0, 8);
        lite.createBucket(bucket).join();
        source = LargeObjectsTest.randomFile(folder.resolve("source"), (int) (17 * MIB + 5), 5);
    }

    @AfterAll
    static void close() {
        lite.close();
    }

    @Test
    void anObjectTheSdksMultipartClientUploadedComesDownThroughTheLiteClient() throws Exception {
        try (S3AsyncClient sdk = S3AsyncClient.builder()
                .endpointOverride(store.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .multipartEnabled(true)
                .multipartConfiguration(
                        multipart -> multipart.thresholdInBytes(5 * MIB).minimumPartSizeInBytes(5 * MIB))
                .build()) {
            sdk.putObject(put -> put.bucket(bucket).key("from-sdk"), AsyncRequestBody.fromFile(source))
                    .get(120, TimeUnit.SECONDS);
        }

        Path back = folder.resolve("from-sdk.back");
        Downloaded down = lite.download(bucket, "from-sdk", back, LargeObjectsTest.FIVE_MIB)
                .result()
                .get(120, TimeUnit.SECONDS);

        assertThat(back).hasSameBinaryContentAs(source);
        assertThat(down.eTag()).as("a multipart ETag").endsWith("-4");
        assertThat(down.eTag()).isEqualTo(LargeObjectsTest.multipartETag(source, 5 * MIB));
    }

    @Test
    void anObjectTheLiteClientUploadedInPartsIsReadAndCheckedByTheSdk() throws Exception {
        Uploaded up = lite.upload(bucket, "from-lite", source, LargeObjectsTest.FIVE_MIB)
                .result()
                .get(120, TimeUnit.SECONDS);
        assertThat(up.eTag()).endsWith("-4");

        try (S3Client sdk = S3Client.builder()
                .endpointOverride(store.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            HeadObjectResponse head = sdk.headObject(
                    request -> request.bucket(bucket).key("from-lite").checksumMode(ChecksumMode.ENABLED));
            assertThat(head.eTag()).isEqualTo("\"" + up.eTag() + "\"");
            assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
            assertThat(head.checksumCRC32C()).isEqualTo(up.checksum());

            // The SDK validates the whole object's CRC32C as it reads the body.
            Path back = folder.resolve("from-lite.back");
            sdk.getObject(
                    request -> request.bucket(bucket).key("from-lite").checksumMode(ChecksumMode.ENABLED),
                    ResponseTransformer.toFile(back));
            assertThat(back).hasSameBinaryContentAs(source);
        }
        assertThat(Files.size(source)).isEqualTo(up.size());
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                store.credentials().accessKeyId(), store.credentials().secretAccessKey()));
    }
}
