package objectstore.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import objectstore.lite.LiteS3Client;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.TestStores;
import objectstore.tools.LiteS3CliTest.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lite-s3 cp} driven through {@code LiteS3Cli.run}: a round trip that goes multipart and comes back in ranges,
 * the options, and bad input refused in one line with the exit code that says whose fault it is.
 */
class CopyTest {

    static final int MIB = 1024 * 1024;

    static EmbeddedS3Proxy store;
    static Map<String, String> env;
    static String bucket;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        store = TestStores.diskS3();
        env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", store.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());
        bucket = "cp-" + UUID.randomUUID().toString().substring(0, 8);
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            admin.createBucket(bucket).join();
        }
    }

    static Path randomFile(Path file, int size) throws java.io.IOException {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        return Files.write(file, data);
    }

    static Result cp(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cp";
        System.arraycopy(args, 0, all, 1, args.length);
        return LiteS3CliTest.run(env, all);
    }

    @Test
    void aFileGoesUpInPartsAndComesBackIntoAFolderUnderTheKeysName() throws Exception {
        Path file = randomFile(temp.resolve("twelve.bin"), 12 * MIB + 1);

        Result up = cp(file.toString(), "s3://" + bucket + "/dir/");
        assertThat(up.err()).isEmpty();
        assertThat(up.code()).isZero();
        assertThat(up.out())
                .startsWith("uploaded " + file + " to s3://" + bucket + "/dir/twelve.bin (12582913 bytes in 2 parts,"
                        + " ETag ")
                .containsPattern("ETag [0-9a-f]{32}-2, CRC32C [A-Za-z0-9+/=]{8}\\)\\R$");

        Path folder = Files.createDirectory(temp.resolve("back"));
        Result down = cp("s3://" + bucket + "/dir/twelve.bin", folder.toString());
        assertThat(down.err()).isEmpty();
        assertThat(down.code()).isZero();
        assertThat(down.out())
                .startsWith("downloaded s3://" + bucket + "/dir/twelve.bin to " + folder.resolve("twelve.bin")
                        + " (12582913 bytes, ETag ")
                .endsWith(" as the store keeps it)" + System.lineSeparator());
        assertThat(folder.resolve("twelve.bin")).hasSameBinaryContentAs(file);
    }

    @Test
    void theOptionsChooseThePartsTheirNumberInFlightAndTheChecksum() throws Exception {
        Path file = randomFile(temp.resolve("eleven.bin"), 11 * MIB);

        Result up = cp(
                "--part-size",
                "5MiB",
                file.toString(),
                "s3://" + bucket + "/eleven",
                "--parallel",
                "2",
                "--checksum",
                "crc64nvme");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("in 3 parts").containsPattern("-3, CRC64NVME [A-Za-z0-9+/=]{12}\\)");

        Path back = temp.resolve("eleven.back");
        Result down = cp("--checksum", "off", "s3://" + bucket + "/eleven", back.toString());
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).doesNotContain("CRC");
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void badInputIsOneLineAndNothingIsSent() throws Exception {
        Path file = Files.writeString(temp.resolve("small.txt"), "small");
        String nl = System.lineSeparator();

        Result tooSmall = cp("--part-size", "1MiB", file.toString(), "s3://" + bucket + "/k");
        assertThat(tooSmall.code()).isEqualTo(2);
        assertThat(tooSmall.err())
                .isEqualTo("lite-s3: part size 1048576 bytes is outside S3's limits for a part;"
                        + " give 5 MiB (5242880 bytes) to 5 GiB" + nl);

        Result notASize = cp("--part-size", "lots", file.toString(), "s3://" + bucket + "/k");
        assertThat(notASize.code()).isEqualTo(2);
        assertThat(notASize.err())
                .isEqualTo("lite-s3: --part-size lots is not a size; write it like 8MiB, 16M or 5242880" + nl);

        Result twoFiles = cp(file.toString(), temp.resolve("other").toString());
        assertThat(twoFiles.code()).isEqualTo(2);
        assertThat(twoFiles.err()).startsWith("lite-s3: cp copies a file to s3://bucket/key or s3://bucket/key");

        Result elsewhere = LiteS3CliTest.run(env, "put", file.toString(), "s3://" + bucket + "/k", "--parallel", "4");
        assertThat(elsewhere.code()).isEqualTo(2);
        assertThat(elsewhere.err()).startsWith("lite-s3: unknown option --parallel");

        Path absent = temp.resolve("absent.bin");
        Result missing = cp(absent.toString(), "s3://" + bucket + "/k");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("lite-s3: no file " + absent + " to upload; check the path" + nl);

        Path nowhere = temp.resolve("no-such-folder").resolve("file");
        Result noFolder = cp("s3://" + bucket + "/k", nowhere.toString());
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err())
                .isEqualTo("lite-s3: the folder " + nowhere.getParent()
                        + " does not exist; create it first, or download elsewhere" + nl);

        for (Result result : new Result[] {tooSmall, notASize, twoFiles, elsewhere, missing, noFolder}) {
            assertThat(result.out()).isEmpty();
        }
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            assertThat(admin.listObjects(bucket, "k", null, 10).join().objects())
                    .isEmpty();
        }
    }
}
