package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import objectstore.connection.Credentials;
import objectstore.connection.Endpoints;
import objectstore.connection.Target;
import objectstore.store.ObjectStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where requests to AWS S3 go, checked without a network: presigning builds the same URL a request would use (scheme,
 * host, path, credential scope), so the addressing can be compared with the AWS SDK's own presigner, bucket by bucket.
 * Then the two small rules behind region redirects: which answer names which region, and which endpoint serves a
 * region.
 */
class AwsAddressingTest {

    static final Credentials KEYS =
            new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "a-session-token", "a test");

    static URI lite(String endpoint, String region, LiteSettings.Addressing addressing, String bucket, String key) {
        Target target = new Target(endpoint == null ? Endpoints.awsS3(region) : URI.create(endpoint), KEYS, region);
        try (LiteS3Client client =
                LiteS3Client.open(target, LiteSettings.defaults().withAddressing(addressing))) {
            return client.presign("GET", bucket, key, 300);
        }
    }

    static URL sdk(String region, boolean pathStyle, String bucket, String key) {
        try (S3Presigner presigner = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey(), KEYS.sessionToken())))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(pathStyle)
                        .build())
                .build()) {
            return presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .url();
        }
    }

    static String scope(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("X-Amz-Credential=")) {
                String credential = pair.substring("X-Amz-Credential=".length()).replace("%2F", "/");
                return credential.substring(credential.indexOf('/') + 1);
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(textBlock = """
            AUTO, my-bucket,        eu-west-3,      a/key with space
            AUTO, my.dotted.bucket, eu-west-3,      k
            PATH, my-bucket,        eu-west-3,      k
            AUTO, my-bucket,        us-east-1,      k
            AUTO, my-bucket,        ap-southeast-2, ü/+%
            """)
    void theSameUrlAsTheSdksPresignerGives(
            LiteSettings.Addressing addressing, String bucket, String region, String key) {
        URI ours = lite(null, region, addressing, bucket, key);
        URL theirs = sdk(region, addressing == LiteSettings.Addressing.PATH, bucket, key);
        assertThat(ours.getScheme()).isEqualTo(theirs.getProtocol());
        // In us-east-1 the SDK still names the global endpoint, s3.amazonaws.com; this client names the
        // region's own, s3.us-east-1.amazonaws.com, which AWS serves as well.
        assertThat(ours.getHost())
                .isEqualTo(theirs.getHost().replace(".s3.amazonaws.com", ".s3." + region + ".amazonaws.com"));
        assertThat(ours.getRawPath()).isEqualTo(theirs.getPath());
        assertThat(scope(ours.getRawQuery()))
                .isEqualTo(scope(theirs.getQuery()))
                .endsWith("/" + region + "/s3/aws4_request");
        // The session token travels with the signature, on both.
        assertThat(ours.getRawQuery()).contains("X-Amz-Security-Token=a-session-token");
        assertThat(theirs.getQuery()).contains("X-Amz-Security-Token=a-session-token");
    }

    @Test
    void autoIsVirtualHostedOnAwsAndPathStyleElsewhere() {
        assertThat(lite(null, "eu-west-3", LiteSettings.Addressing.AUTO, "b-1", "k")
                        .toString())
                .startsWith("https://b-1.s3.eu-west-3.amazonaws.com/k?");
        assertThat(lite("https://s3.amazonaws.com", "us-east-1", LiteSettings.Addressing.AUTO, "b-1", "k")
                        .toString())
                .startsWith("https://b-1.s3.amazonaws.com/k?");
        assertThat(lite(null, "eu-west-3", LiteSettings.Addressing.AUTO, "b.1", "k")
                        .toString())
                .as("a dotted name over https")
                .startsWith("https://s3.eu-west-3.amazonaws.com/b.1/k?");
        assertThat(lite("http://minio.example:9000", "us-east-1", LiteSettings.Addressing.AUTO, "b-1", "k")
                        .toString())
                .startsWith("http://minio.example:9000/b-1/k?");
        assertThat(lite("http://minio.example:9000", "us-east-1", LiteSettings.Addressing.VIRTUAL, "b.1", "k")
                        .toString())
                .as("a dotted name over http")
                .startsWith("http://b.1.minio.example:9000/k?");
        assertThat(lite("https://minio.example", "us-east-1", LiteSettings.Addressing.VIRTUAL, "b.1", "k")
                        .toString())
                .startsWith("https://minio.example/b.1/k?");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(textBlock = """
            s3.us-east-1.amazonaws.com,                   eu-west-3, s3.eu-west-3.amazonaws.com
            s3.amazonaws.com,                             eu-west-3, s3.eu-west-3.amazonaws.com
            s3-external-1.amazonaws.com,                  eu-west-3, s3.eu-west-3.amazonaws.com
            s3-us-west-2.amazonaws.com,                   eu-west-3, s3.eu-west-3.amazonaws.com
            s3.dualstack.us-east-1.amazonaws.com,         eu-west-3, s3.dualstack.eu-west-3.amazonaws.com
            s3-fips.us-gov-west-1.amazonaws.com,          us-gov-east-1, s3-fips.us-gov-east-1.amazonaws.com
            s3.cn-north-1.amazonaws.com.cn,               cn-northwest-1, s3.cn-northwest-1.amazonaws.com.cn
            s3-accelerate.amazonaws.com,                  eu-west-3, s3-accelerate.amazonaws.com
            bucket.vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com, eu-west-3, bucket.vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com
            """)
    void aRegionsEndpointOnAws(String host, String region, String expected) {
        assertThat(BucketRoutes.regionalHost(host, region)).isEqualTo(expected);
    }

    @Test
    void theBucketsRegionIsReadFromTheHeaderElseTheBodysRegionElseItsEndpoint() {
        HttpHeaders header = new DefaultHttpHeaders().add("x-amz-bucket-region", "eu-west-3");
        HttpHeaders none = new DefaultHttpHeaders();
        assertThat(region(301, "PermanentRedirect", header, null)).isEqualTo("eu-west-3");
        assertThat(region(301, "PermanentRedirect", none, Map.of("Region", "ap-south-1")))
                .isEqualTo("ap-south-1");
        assertThat(region(301, "PermanentRedirect", none, Map.of("Endpoint", "b.s3.sa-east-1.amazonaws.com")))
                .isEqualTo("sa-east-1");
        assertThat(region(301, "PermanentRedirect", none, Map.of("Endpoint", "b.s3.amazonaws.com")))
                .isNull();
        assertThat(region(400, "AuthorizationHeaderMalformed", none, Map.of("Region", "eu-north-1")))
                .isEqualTo("eu-north-1");
        assertThat(region(400, "BadRequest", header, null))
                .as("a HEAD's answer: no body, the header")
                .isEqualTo("eu-west-3");
        assertThat(region(307, "TemporaryRedirect", header, Map.of())).isEqualTo("eu-west-3");
        // Other errors never move a bucket, and a region that is not a region name is not followed.
        assertThat(region(400, "InvalidArgument", header, Map.of("Region", "eu-west-3")))
                .isNull();
        assertThat(region(403, "AccessDenied", header, null)).isNull();
        assertThat(region(301, "PermanentRedirect", none, Map.of("Region", "evil.example.com/x")))
                .isNull();
    }

    static String region(int status, String code, HttpHeaders headers, Map<String, String> xml) {
        return S3Errors.bucketRegion(new ObjectStoreException(code, status, null, null), headers, xml);
    }
}
