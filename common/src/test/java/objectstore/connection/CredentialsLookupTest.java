package objectstore.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import objectstore.store.UserError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsLookupTest {

    @TempDir
    Path home;

    Path credentials;
    Path config;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        credentials = home.resolve(".aws/credentials");
        config = home.resolve(".aws/config");
    }

    Credentials lookup() {
        return CredentialsLookup.resolve(env, "alice", home);
    }

    void profiles(Path file, String... names) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append('[')
                    .append(name)
                    .append("]\naws_access_key_id = id-")
                    .append(name.replace("profile ", ""))
                    .append("\naws_secret_access_key = secret-")
                    .append(name.replace("profile ", ""))
                    .append("\n\n");
        }
        Files.writeString(file, text);
    }

    @Test
    void environmentVariablesComeFirst() throws IOException {
        profiles(credentials, "alice", "minio", "default");
        env.put("AWS_ACCESS_KEY_ID", "env-id");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");
        Credentials found = lookup();
        assertThat(found.accessKeyId()).isEqualTo("env-id");
        assertThat(found.sessionToken()).isEqualTo("env-token");
        assertThat(found.source()).contains("environment");
    }

    @Test
    void aProfilesSessionTokenComesWithItsKeys() throws IOException {
        Files.writeString(
                credentials,
                "[work]\naws_access_key_id = id-work\naws_secret_access_key = secret-work\n"
                        + "aws_session_token = token-work\n");
        env.put("AWS_PROFILE", "work");
        Credentials found = lookup();
        assertThat(found.sessionToken()).isEqualTo("token-work");
        assertThat(found.toString())
                .contains("with session token")
                .doesNotContain("token-work")
                .doesNotContain("secret-work");
    }

    @Test
    void thenTheProfileNamedByAwsProfile() throws IOException {
        profiles(credentials, "alice", "minio", "default", "work");
        env.put("AWS_PROFILE", "work");
        assertThat(lookup().accessKeyId()).isEqualTo("id-work");
    }

    @Test
    void thenTheOsUsersProfileThenMinioThenDefault() throws IOException {
        profiles(credentials, "default", "minio", "alice");
        assertThat(lookup().accessKeyId()).isEqualTo("id-alice");
        profiles(credentials, "default", "minio");
        assertThat(lookup().accessKeyId()).isEqualTo("id-minio");
        profiles(credentials, "default");
        assertThat(lookup().accessKeyId()).isEqualTo("id-default");
    }

    @Test
    void theConfigFileCountsAndTheCredentialsFileWins() throws IOException {
        profiles(config, "profile minio");
        assertThat(lookup().accessKeyId()).isEqualTo("id-minio");
        Files.writeString(credentials, "[minio]\naws_access_key_id = from-credentials\naws_secret_access_key = s\n");
        assertThat(lookup().accessKeyId()).isEqualTo("from-credentials");
    }

    @Test
    void filesNamedByTheEnvironmentAreUsed() throws IOException {
        Path elsewhere = home.resolve("elsewhere");
        profiles(elsewhere, "minio");
        env.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString());
        assertThat(lookup().accessKeyId()).isEqualTo("id-minio");
    }

    @Test
    void theSecretNeverShows() throws IOException {
        profiles(credentials, "minio");
        Credentials found = lookup();
        assertThat(found.toString()).doesNotContain("secret-minio").contains("id-minio");
        assertThat(found.source()).doesNotContain("secret-minio");
    }

    @Test
    void problemsAreOneClearLine() throws IOException {
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("no credentials");

        env.put("AWS_PROFILE", "missing");
        profiles(credentials, "minio");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("profile 'missing'");
        env.remove("AWS_PROFILE");

        env.put("AWS_ACCESS_KEY_ID", "only-the-id");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("must be set together");
        env.remove("AWS_ACCESS_KEY_ID");

        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("nope").toString());
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("does not exist");
        env.remove("AWS_SHARED_CREDENTIALS_FILE");

        Files.writeString(credentials, "[minio\naws_access_key_id = x\n");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("line 1");
        Files.writeString(credentials, "just some words\n");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("line 1");
        Files.writeString(credentials, "[minio]\naws_access_key_id = x\n");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("lacks");
    }

    @Test
    void anUnreadableFileIsOneClearLine() throws IOException {
        profiles(credentials, "minio");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(credentials)) {
            return; // root reads anything: nothing to test here
        }
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("cannot read");
    }
}
