package objectstore.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import objectstore.store.UserError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The region, found as the AWS CLI finds it: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
class RegionLookupTest {

    @TempDir
    Path home;

    Path config;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        config = home.resolve(".aws/config");
    }

    String lookup() {
        return RegionLookup.resolve(env, home);
    }

    @Test
    void withNothingSetItIsUsEast1() {
        assertThat(lookup()).isEqualTo("us-east-1");
    }

    @Test
    void awsRegionThenAwsDefaultRegionThenTheProfile() throws IOException {
        Files.writeString(config, "[default]\nregion = ap-southeast-2\n");
        assertThat(lookup()).isEqualTo("ap-southeast-2");
        env.put("AWS_DEFAULT_REGION", "eu-central-1");
        assertThat(lookup()).isEqualTo("eu-central-1");
        env.put("AWS_REGION", "eu-west-3");
        assertThat(lookup()).isEqualTo("eu-west-3");
    }

    @Test
    void theProfileAwsProfileNamesInTheConfigFileAwsConfigFileNames() throws IOException {
        Path elsewhere = home.resolve("other-config");
        Files.writeString(elsewhere, """
                [default]
                region = us-west-2

                [profile work]
                region = eu-north-1
                s3 =
                  addressing_style = path
                """);
        env.put("AWS_CONFIG_FILE", elsewhere.toString());
        assertThat(lookup()).isEqualTo("us-west-2");
        env.put("AWS_PROFILE", "work");
        assertThat(lookup()).isEqualTo("eu-north-1");
        env.put("AWS_PROFILE", "no-region-here");
        assertThat(lookup()).as("a profile without a region").isEqualTo("us-east-1");
    }

    @Test
    void theCredentialsFileHoldsNoRegion() throws IOException {
        Files.writeString(
                home.resolve(".aws/credentials"),
                "[default]\naws_access_key_id = a\naws_secret_access_key = b\nregion = sa-east-1\n");
        assertThat(lookup()).isEqualTo("us-east-1");
    }

    @Test
    void problemsAreOneClearLine() throws IOException {
        env.put("AWS_REGION", "eu west 3");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("from AWS_REGION");
        env.remove("AWS_REGION");
        env.put("AWS_CONFIG_FILE", home.resolve("missing").toString());
        assertThatThrownBy(this::lookup)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("AWS_CONFIG_FILE");
        env.remove("AWS_CONFIG_FILE");
        Files.writeString(config, "[default\nregion = x\n");
        assertThatThrownBy(this::lookup).isInstanceOf(UserError.class).hasMessageContaining("line 1");
    }
}
