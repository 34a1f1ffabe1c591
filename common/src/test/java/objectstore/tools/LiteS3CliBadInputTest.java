package objectstore.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import objectstore.lite.LiteS3Client;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line given bad input: one line on stderr naming the problem and the fix, a non-zero exit, no stack trace,
 * no child process left, and no bucket made.
 */
class LiteS3CliBadInputTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid bucket name      | mb s3://Not_A_Bucket                        | 2 | invalid bucket name 'Not_A_Bucket'
            over-long key            | rm s3://cli-bad/LONGKEY                     | 2 | S3 allows at most 1,024
            missing file to put      | put NOFILE s3://cli-bad/k                   | 1 | no file
            malformed endpoint       | --endpoint http://exa%mple ls s3://cli-bad  | 1 | is not a URL
            unknown scheme           | --endpoint ftp://127.0.0.1:21 ls s3://cli-bad | 1 | has scheme 'ftp'
            unknown option           | --frobnicate ls s3://cli-bad                | 2 | unknown option --frobnicate
            expiry over 7 days       | presign s3://cli-bad/k --expires 604801     | 2 | give 1 to 604800 seconds
            missing credentials file | CREDS:missing ls s3://cli-bad               | 1 | does not exist
            malformed credentials    | CREDS:malformed ls s3://cli-bad             | 1 | is not a valid [profile] header
            profile that is not there | CREDS:profile ls s3://cli-bad              | 1 | profile 'nobody' (from AWS_PROFILE) is not in
            """)
    void badInputIsOneLineThatSaysWhatToFix(String problem, String command, int exitCode, String expected)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", TestStores.s3().endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", TestStores.s3().credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", TestStores.s3().credentials().secretAccessKey());
        String line = command.replace("LONGKEY", "k".repeat(1025))
                .replace("NOFILE", temp.resolve("absent.txt").toString());
        if (line.startsWith("CREDS:")) {
            String kind = line.substring("CREDS:".length(), line.indexOf(' '));
            line = line.substring(line.indexOf(' ') + 1);
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            Path file = temp.resolve("credentials");
            env.put("AWS_SHARED_CREDENTIALS_FILE", file.toString());
            switch (kind) {
                case "malformed" -> Files.writeString(file, "[minio\naws_access_key_id = x\n");
                case "profile" -> {
                    Files.writeString(file, "[minio]\naws_access_key_id = x\naws_secret_access_key = y\n");
                    env.put("AWS_PROFILE", "nobody");
                }
                default -> {}
            }
        }
        Set<Long> before = ExperimentRuns.childProcesses();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LiteS3Cli.run(
                line.split(" "),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        String stderr = err.toString(StandardCharsets.UTF_8);

        assertThat(code).as(problem + ": " + stderr).isEqualTo(exitCode);
        assertThat(stderr.strip().lines().count()).as(stderr).isEqualTo(1);
        assertThat(stderr)
                .startsWith("lite-s3: ")
                .contains(expected)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(ExperimentRuns.childProcesses()).isSubsetOf(before);
        try (LiteS3Client admin = LiteS3Client.of(TestStores.s3().target())) {
            assertThat(admin.listObjects("cli-bad", "", null, 1)
                            .handle((page, error) -> error)
                            .join())
                    .as("the error that says no bucket cli-bad was made")
                    .isNotNull();
        }
    }
}
