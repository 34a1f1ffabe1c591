package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large objects between a file and S3Proxy's filesystem backend: a multipart upload of 5 MiB parts and a download in
 * ranges of 5 MiB, each checked against what the test computes on its own (the file's bytes, the MD5 of the parts'
 * MD5s, the store's checksum); a small file in one PUT; each checksum the store validates.
 */
class LargeObjectsTest {

    static final long MIB = 1024 * 1024;
    /** Five parts of 5 MiB, the last one short: 23 MiB and a few bytes. */
    static final int SIZE = (int) (23 * MIB + 123);

    // tag::five-mib[]
    static final TransferSettings FIVE_MIB = TransferSettings.defaults()
            .withPartSize(5 * MIB)
            .withMultipartThreshold(5 * MIB)
            .withParallel(3);
    // end::five-mib[]

    @TempDir
    static Path folder;

    static EmbeddedS3Proxy store;
    static LiteS3Client client;
    static String bucket;
    static Path source;

    @BeforeAll
    static void start() throws IOException {
        store = TestStores.diskS3();
        client = LiteS3Client.open(store.target(), LiteSettings.defaults().withMaxInFlight(16));
        bucket = "large-" + UUID.randomUUID().toString().substring(0, 8);
        client.createBucket(bucket).join();
        source = randomFile(folder.resolve("source"), SIZE, 1);
    }

    static Path randomFile(Path file, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return Files.write(file, data);
    }

    /** The ETag S3 gives a multipart object of this file in parts of {@code partSize}, computed here on its own. */
    static String multipartETag(Path file, long partSize) throws Exception {
        byte[] data = Files.readAllBytes(file);
        MessageDigest ofParts = MessageDigest.getInstance("MD5");
        int parts = 0;
        for (int offset = 0; offset < data.length; offset += (int) partSize) {
            byte[] part = Arrays.copyOfRange(data, offset, (int) Math.min(data.length, offset + partSize));
            ofParts.update(MessageDigest.getInstance("MD5").digest(part));
            parts++;
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }

    static <T> T await(Transfer<T> transfer) throws Exception {
        return transfer.result().get(120, TimeUnit.SECONDS);
    }

    @Test
    void aMultipartUploadComesBackByRangesByteForByte() throws Exception {
        // tag::round-trip[]
        Uploaded up = client.upload(bucket, "multipart", source, FIVE_MIB).await();
        Path back = folder.resolve("multipart.back");
        Downloaded down = client.download(bucket, "multipart", back, FIVE_MIB).await();
        // end::round-trip[]

        assertThat(up.parts()).isEqualTo(5);
        assertThat(up.size()).isEqualTo(SIZE);
        assertThat(up.eTag()).isEqualTo(multipartETag(source, 5 * MIB));
        assertThat(client.headObject(bucket, "multipart").join().eTag()).isEqualTo(up.eTag());

        assertThat(back).hasSameBinaryContentAs(source);
        assertThat(down.ranges()).isEqualTo(5);
        assertThat(down.eTag()).isEqualTo(up.eTag());
        assertThat(down.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(down.checksum()).isEqualTo(up.checksum());
        assertThat(down.checkedByStore())
                .as("the store kept the upload's CRC32C")
                .isTrue();
        assertThat(client.listMultipartUploads(bucket, null).join()).isEmpty();
        assertThat(folder).isDirectoryNotContaining("glob:**.lite-s3-part");
    }

    @Test
    void aFileUnderTheThresholdGoesInOnePutWhoseETagIsItsMd5() throws Exception {
        Path small = randomFile(folder.resolve("small"), 1_000_003, 2);
        Uploaded up = await(client.upload(bucket, "small", small, TransferSettings.defaults()));

        assertThat(up.parts()).isZero();
        assertThat(up.eTag())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(small))));
        Path back = folder.resolve("small.back");
        Downloaded down = await(client.download(bucket, "small", back, TransferSettings.defaults()));
        assertThat(back).hasSameBinaryContentAs(small);
        assertThat(down.ranges()).isEqualTo(1);
        assertThat(down.checkedByStore()).isTrue();
    }

    @Test
    void anEmptyFileGoesUpAndComesBackEmpty() throws Exception {
        Path empty = Files.createFile(folder.resolve("empty"));
        Uploaded up = await(client.upload(bucket, "empty", empty, TransferSettings.defaults()));
        assertThat(up.eTag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");

        Path back = folder.resolve("empty.back");
        Downloaded down = await(client.download(bucket, "empty", back, TransferSettings.defaults()));
        assertThat(back).isEmptyFile();
        assertThat(down.ranges()).isZero();
    }

    /* The store checks each part's checksum and the whole object's: a wrong combination would fail the upload. */
    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void everyChecksumTheStoreValidatesIsSentAndCheckedBack(ChecksumAlgorithm algorithm) throws Exception {
        String key = "checksum/" + algorithm;
        Uploaded up = await(client.upload(bucket, key, source, FIVE_MIB.withChecksum(algorithm)));
        assertThat(up.checksumAlgorithm()).isEqualTo(algorithm);

        Path back = folder.resolve("checksum-" + algorithm);
        // The download asks for CRC32C, and computes the algorithm the store keeps instead.
        Downloaded down = await(client.download(bucket, key, back, FIVE_MIB));
        assertThat(back).hasSameBinaryContentAs(source);
        assertThat(down.checksumAlgorithm()).isEqualTo(algorithm);
        assertThat(down.checksum()).isEqualTo(up.checksum());
        assertThat(down.checkedByStore()).isTrue();
    }

    @Test
    void withoutAChecksumNothingIsComputedButTheBytesStillArrive() throws Exception {
        Uploaded up = await(client.upload(bucket, "plain", source, FIVE_MIB.withoutChecksum()));
        assertThat(up.checksum()).isNull();
        assertThat(up.eTag()).isEqualTo(multipartETag(source, 5 * MIB));

        Path back = folder.resolve("plain.back");
        Downloaded down = await(client.download(bucket, "plain", back, FIVE_MIB.withoutChecksum()));
        assertThat(back).hasSameBinaryContentAs(source);
        assertThat(down.checksum()).isNull();
        assertThat(down.checkedByStore()).isFalse();
    }

    @Test
    void aDownloadReplacesAnExistingFileOnlyOnceComplete() throws Exception {
        await(client.upload(bucket, "replace", source, FIVE_MIB));
        Path existing = Files.writeString(folder.resolve("existing"), "old content");

        await(client.download(bucket, "replace", existing, FIVE_MIB.withParallel(8)));

        assertThat(existing).hasSameBinaryContentAs(source);
    }
}
