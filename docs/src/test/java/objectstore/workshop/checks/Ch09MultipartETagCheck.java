package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import objectstore.sdk.SdkClients;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch09MultipartETag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Exercise 10 is solved when the ETag computed from a file is the one S3Proxy gives the file uploaded in parts: the
 * check uploads it part by part with the SDK (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) and compares.
 */
class Ch09MultipartETagCheck {

    static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} bytes in parts of {1}")
    @CsvSource({"11534336, 5242880", "11534336, 6291456", "10485760, 5242880", "5242880, 5242880"})
    void theETagIsTheOneTheStoreGivesTheFileUploadedInParts(long size, long partSize) throws Exception {
        Path file = write(temp.resolve("file"), size);
        try (S3Bucket bucket = S3Bucket.create("ch09");
                S3Client s3 = SdkClients.blocking(TestStores.s3().target(), 1)) {
            String uploadId = s3.createMultipartUpload(
                            b -> b.bucket(bucket.name).key("object"))
                    .uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            byte[] all = Files.readAllBytes(file); // the check's own upload; small enough to hold
            for (int n = 1; (n - 1) * partSize < size; n++) {
                int from = (int) ((n - 1) * partSize);
                int to = (int) Math.min(size, n * partSize);
                int number = n;
                String eTag = s3.uploadPart(
                                b -> b.bucket(bucket.name)
                                        .key("object")
                                        .uploadId(uploadId)
                                        .partNumber(number),
                                RequestBody.fromBytes(Arrays.copyOfRange(all, from, to)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
            }
            String stored = s3.completeMultipartUpload(b -> b.bucket(bucket.name)
                            .key("object")
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts)))
                    .eTag()
                    .replace("\"", "");

            assertThat(Ch09MultipartETag.multipartETag(file, partSize))
                    .as("the ETag of %d bytes in parts of %d, as S3Proxy gives it", size, partSize)
                    .isEqualTo(stored);
        }
    }

    private static Path write(Path file, long size) throws Exception {
        byte[] bytes = new byte[(int) size];
        SplittableRandom random = new SplittableRandom(size);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return Files.write(file, bytes);
    }
}
