package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import objectstore.connection.Target;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectInfo;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.Request;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Virtual-hosted buckets ({@code http://bucket.localhost:PORT/key}), as AWS addresses them, against an S3Proxy started
 * with {@code s3proxy.virtual-host=localhost}: the bucket in the host name, the key alone in the path. The client sends
 * names under {@code .localhost} to loopback itself, as RFC 6761 asks and curl does; {@code /etc/hosts} is left alone.
 */
class VirtualHostedBucketsTest {

    static EmbeddedS3Proxy store;
    static LiteSettings virtual;

    @BeforeAll
    static void start() {
        store = TestStores.virtualHostS3();
        virtual = LiteSettings.defaults().withAddressing(LiteSettings.Addressing.VIRTUAL);
    }

    static String newBucket() {
        return "vhost-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyOperationWorksWithTheBucketInTheHostName() {
        String bucket = newBucket();
        byte[] data = "in a virtual-hosted bucket".getBytes(StandardCharsets.UTF_8);
        try (LiteS3Client client = LiteS3Client.open(store.target(), virtual)) {
            client.createBucket(bucket).join();
            assertThat(client.listBuckets().join()).contains(bucket);
            /*
             * The path carries the key alone: S3Proxy can only find the object through the Host header,
             * so a round trip proves the bucket travelled in the host name.
             */
            client.putObject(bucket, "dir/a key+ü", data).join();
            assertThat(client.getObject(bucket, "dir/a key+ü").join()).isEqualTo(data);
            ObjectInfo info = client.headObject(bucket, "dir/a key+ü").join();
            assertThat(info.size()).isEqualTo(data.length);
            assertThat(client.listObjects(bucket, "dir/", null, 10).join().objects())
                    .extracting(ObjectInfo::key)
                    .containsExactly("dir/a key+ü");
            assertThat(client.deleteObjects(bucket, List.of("dir/a key+ü")).join())
                    .isEmpty();

            URI presigned = client.presign("GET", bucket, "dir/a key+ü", 60);
            assertThat(presigned.getHost()).isEqualTo(bucket + ".localhost");
            assertThat(presigned.getRawPath()).isEqualTo("/dir/a%20key%2B%C3%BC");

            client.deleteBucket(bucket).join();
            assertThat(client.listBuckets().join()).doesNotContain(bucket);
        }
    }

    @Test
    void onTheWireTheHostNamesTheBucketAndThePathTheKey() throws Exception {
        String bucket = newBucket();
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), request -> new Forward());
                LiteS3Client client = LiteS3Client.open(
                        new Target(
                                URI.create(
                                        "http://localhost:" + proxy.endpoint().getPort()),
                                store.credentials(),
                                Target.DEFAULT_REGION),
                        virtual)) {
            client.createBucket(bucket).join();
            client.putObject(bucket, "k", new byte[] {1, 2, 3}).join();
            assertThat(client.getObject(bucket, "k").join()).containsExactly(1, 2, 3);
            client.listBuckets().join();
            client.deleteObject(bucket, "k").join();
            client.deleteBucket(bucket).join();

            String port = ":" + proxy.endpoint().getPort();
            List<Request> sent = proxy.requests();
            assertThat(sent)
                    .extracting(r -> r.method() + " " + r.header("Host") + " " + r.path())
                    .containsExactly(
                            "PUT " + bucket + ".localhost" + port + " /",
                            "PUT " + bucket + ".localhost" + port + " /k",
                            "GET " + bucket + ".localhost" + port + " /k",
                            "GET localhost" + port + " /",
                            "DELETE " + bucket + ".localhost" + port + " /k",
                            "DELETE " + bucket + ".localhost" + port + " /");
        }
    }

    @Test
    void aDottedBucketStaysInTheHostNameOverHttp() {
        String bucket = "dotted." + newBucket();
        try (LiteS3Client client = LiteS3Client.open(store.target(), virtual)) {
            assertThat(client.presign("GET", bucket, "k", 60).getHost()).isEqualTo(bucket + ".localhost");
            client.createBucket(bucket).join();
            client.putObject(bucket, "k", new byte[] {7}).join();
            assertThat(client.getObject(bucket, "k").join()).containsExactly(7);
            client.deleteObject(bucket, "k").join();
            client.deleteBucket(bucket).join();
        }
    }

    @Test
    void autoIsPathStyleOnAnEndpointThatIsNotAws() {
        String bucket = newBucket();
        try (LiteS3Client client = LiteS3Client.open(store.target(), LiteSettings.defaults())) {
            URI presigned = client.presign("GET", bucket, "k", 60);
            assertThat(presigned.getHost()).isEqualTo("localhost");
            assertThat(presigned.getRawPath()).isEqualTo("/" + bucket + "/k");
            client.createBucket(bucket).join();
            client.putObject(bucket, "k", new byte[] {9}).join();
            assertThat(client.getObject(bucket, "k").join()).containsExactly(9);
            client.deleteObject(bucket, "k").join();
            client.deleteBucket(bucket).join();
        }
    }

    @Test
    void localhostAndEveryNameUnderItAreLoopback() throws Exception {
        for (String name : new String[] {"localhost", "bucket.localhost", "a.b.s3.LOCALHOST", "bucket.localhost."}) {
            assertThat(LoopbackNames.isLoopbackName(name)).as(name).isTrue();
            assertThat(LoopbackNames.INSTANCE.resolveAll(name).get())
                    .as(name)
                    .allMatch(InetAddress::isLoopbackAddress)
                    .first()
                    .hasToString(name + "/127.0.0.1");
        }
        for (String name : new String[] {"localhost.example.com", "notlocalhost", "127.0.0.1"}) {
            assertThat(LoopbackNames.isLoopbackName(name)).as(name).isFalse();
        }
    }

    /* What the default adds: given the JDK's resolver instead, the client cannot find a bucket's name. */
    @Test
    void theJdksResolverAloneCannotFindTheBucketsName() {
        Assumptions.assumeFalse(
                resolvedByTheJdk("no-such-bucket.localhost"),
                "this system resolves *.localhost itself: nothing to show");
        DefaultNameResolver jdk = new DefaultNameResolver(ImmediateEventExecutor.INSTANCE);
        try (LiteS3Client client = LiteS3Client.open(store.target(), virtual.withNameResolver(jdk))) {
            Throwable failure = LiteS3ClientTest.failure(client.getObject("some-bucket", "k"));
            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasCauseInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("some-bucket.localhost");
        }
    }

    static boolean resolvedByTheJdk(String name) {
        try {
            InetAddress.getAllByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Test
    void anIpAddressCannotCarryABucketName() {
        assertThatThrownBy(() -> LiteS3Client.open(TestStores.s3().target(), virtual))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1 is an IP address");
    }
}
