package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import objectstore.connection.Target;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.TestCertificate;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * https against an S3Proxy serving a certificate this test run made (localhost, *.localhost), which no trust store
 * knows. By default the client trusts what the JDK trusts, so it refuses the server; told to trust the certificate
 * ({@link LiteSettings#withSslContext}), it talks to it, path-style and virtual-hosted; and either way the host name
 * must match the certificate.
 */
class HttpsTest {

    static EmbeddedS3Proxy store;
    static TestCertificate certificate;
    static Target secure;

    @BeforeAll
    static void start() {
        store = TestStores.virtualHostS3();
        certificate = TestStores.certificate();
        secure = store.secureTarget();
    }

    static String newBucket() {
        return "tls-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void byDefaultTheJdksTrustStoreDecidesAndItDoesNotKnowThisCertificate() {
        // One attempt: a refused certificate is a failed connection, which the client would otherwise try twice more.
        try (LiteS3Client client =
                LiteS3Client.open(secure, LiteSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO))) {
            Throwable failure = LiteS3ClientTest.failure(client.listBuckets());
            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(secure.endpoint().toString());
            assertThat(causes(failure)).anyMatch(cause -> cause instanceof SSLHandshakeException);
            assertThat(failure).hasMessageContaining("PKIX");
        }
    }

    @Test
    void trustingTheCertificateServesPathStyleAndVirtualHostedBuckets() {
        String bucket = newBucket();
        LiteSettings trusting = LiteSettings.defaults().withSslContext(certificate.trustingContext());
        try (LiteS3Client pathStyle = LiteS3Client.open(secure, trusting);
                LiteS3Client virtual =
                        LiteS3Client.open(secure, trusting.withAddressing(LiteSettings.Addressing.VIRTUAL))) {
            pathStyle.createBucket(bucket).join();
            pathStyle.putObject(bucket, "k", new byte[] {1, 2}).join();
            assertThat(virtual.presign("GET", bucket, "k", 60))
                    .hasScheme("https")
                    .hasHost(bucket + ".localhost");
            // Checked against *.localhost in the certificate, with the bucket's own name in the handshake.
            assertThat(virtual.getObject(bucket, "k").join()).containsExactly(1, 2);
            virtual.putObject(bucket, "v", new byte[] {3}).join();
            assertThat(pathStyle.getObject(bucket, "v").join()).containsExactly(3);
            assertThat(virtual.listBuckets().join()).contains(bucket);
            virtual.deleteObject(bucket, "k").join();
            virtual.deleteObject(bucket, "v").join();
            pathStyle.deleteBucket(bucket).join();
        }
    }

    @Test
    void overHttpsADottedBucketGoesPathStyleEvenWhenVirtualHostingIsAsked() {
        String bucket = "dotted." + newBucket();
        LiteSettings virtual = LiteSettings.defaults()
                .withSslContext(certificate.trustingContext())
                .withAddressing(LiteSettings.Addressing.VIRTUAL);
        try (LiteS3Client client = LiteS3Client.open(secure, virtual)) {
            // dotted.tls-x.localhost is not covered by *.localhost, which stands for one label: the path takes the
            // bucket.
            URI presigned = client.presign("GET", bucket, "k", 60);
            assertThat(presigned.getHost()).isEqualTo("localhost");
            assertThat(presigned.getRawPath()).isEqualTo("/" + bucket + "/k");
            client.createBucket(bucket).join();
            client.putObject(bucket, "k", new byte[] {5}).join();
            assertThat(client.getObject(bucket, "k").join()).containsExactly(5);
            client.deleteObject(bucket, "k").join();
            client.deleteBucket(bucket).join();
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameIsStillRefused() {
        // The certificate names localhost and *.localhost, not 127.0.0.1: the host name check must catch it.
        Target byAddress = new Target(
                URI.create("https://127.0.0.1:" + secure.endpoint().getPort()), secure.credentials(), secure.region());
        try (LiteS3Client client = LiteS3Client.open(
                byAddress,
                LiteSettings.defaults()
                        .withSslContext(certificate.trustingContext())
                        .withRetries(1, Duration.ZERO, Duration.ZERO))) {
            Throwable failure = LiteS3ClientTest.failure(client.listBuckets());
            assertThat(failure).isInstanceOf(StoreUnavailableException.class);
            assertThat(causes(failure)).anyMatch(cause -> cause instanceof SSLHandshakeException);
            assertThat(failure).hasMessageContaining("127.0.0.1");
        }
    }

    static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
