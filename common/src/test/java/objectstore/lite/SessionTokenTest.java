package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import objectstore.connection.Credentials;
import objectstore.connection.Target;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.Request;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Test;

/**
 * Temporary credentials (AWS_SESSION_TOKEN): the token goes out as {@code x-amz-security-token} on every request,
 * inside the signature, and as {@code X-Amz-Security-Token} in a presigned URL. S3Proxy does not check tokens (it is
 * told to let the header through), but it does check that every signed header arrived as signed: its acceptance, and
 * the requests the fault proxy kept, show both.
 */
class SessionTokenTest {

    static final String TOKEN = "FwoGZXIvYXdzEXAMPLE//token+with/slashes=";

    @Test
    void theTokenIsSentAndSignedOnEveryRequestAndInPresignedUrls() throws Exception {
        EmbeddedS3Proxy store = TestStores.virtualHostS3();
        Credentials temporary = new Credentials(
                store.credentials().accessKeyId(),
                store.credentials().secretAccessKey(),
                TOKEN,
                "temporary credentials of a test");
        String bucket = "token-" + UUID.randomUUID().toString().substring(0, 8);
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), request -> new Forward());
                // The proxy at localhost: this S3Proxy takes any other Host (127.0.0.1) for a bucket's name.
                LiteS3Client client = LiteS3Client.of(new Target(
                        URI.create("http://localhost:" + proxy.endpoint().getPort()),
                        temporary,
                        Target.DEFAULT_REGION))) {
            client.createBucket(bucket).join();
            client.putObject(bucket, "k", new byte[] {1}).join();
            assertThat(client.getObject(bucket, "k").join()).containsExactly(1);

            assertThat(proxy.requests()).hasSize(3).allSatisfy(request -> {
                assertThat(request.header("x-amz-security-token")).isEqualTo(TOKEN);
                assertThat(request.header("Authorization"))
                        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
            });

            String presigned = client.presign("GET", bucket, "k", 60).toString();
            assertThat(presigned).contains("X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE%2F%2Ftoken%2Bwith%2Fslashes%3D");
            // HTTP/1.1 plainly: the JDK client's offer to upgrade to h2c would not survive the proxy's Connection:
            // close.
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<byte[]> fetched = http.send(
                    HttpRequest.newBuilder(URI.create(presigned)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).containsExactly(1);
            Request last = proxy.requests().getLast();
            assertThat(last.path()).contains("X-Amz-Security-Token=");

            client.deleteObject(bucket, "k").join();
            client.deleteBucket(bucket).join();
        }
    }
}
