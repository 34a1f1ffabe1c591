package objectstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import objectstore.connection.Target;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.EmbeddedRedisCluster;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.provisioning.RedisServerBinary;
import objectstore.store.UserError;
import org.junit.jupiter.api.Assumptions;

/**
 * Real stores for tests, started once per test JVM and stopped when it exits: an S3Proxy with signature checking on
 * (in-memory backend, for speed) and a redis-server, each a child process on loopback with random credentials.
 *
 * <p>The redis-server is the one {@code REDIS_SERVER} names: the build runs every test tagged {@code redis} twice, on
 * the bundled Redis 6.2 and on the system's (Debian's Redis 7), and a test whose binary is not installed is skipped
 * with the reason.
 */
public final class TestStores {

    private static EmbeddedS3Proxy s3;
    private static EmbeddedS3Proxy diskS3;
    private static EmbeddedS3Proxy virtualHostS3;
    private static TestCertificate certificate;
    private static EmbeddedRedis redis;
    private static EmbeddedRedisCluster cluster;

    private TestStores() {}

    /** The shared S3Proxy (in-memory backend). */
    public static synchronized EmbeddedS3Proxy s3() {
        if (s3 == null) {
            s3 = EmbeddedS3Proxy.start(Backend.MEMORY, Path.of("target", "test-stores"));
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
        }
        return s3;
    }

    /**
     * An S3Proxy keeping objects on disk under target/ (filesystem backend), for objects too large for the in-memory
     * one's heap to hold many of: the large-object tests, with objects of a few tens of MiB. It lets through headers it
     * does not implement: the SDK's multipart client completes an upload with {@code x-amz-mp-object-size}, which
     * S3Proxy 4.0.0 answers 501 NotImplemented otherwise.
     */
    public static synchronized EmbeddedS3Proxy diskS3() {
        if (diskS3 == null) {
            diskS3 = EmbeddedS3Proxy.start(
                    Backend.DISK,
                    Path.of("target", "test-stores"),
                    EmbeddedS3Proxy.Options.none().withUnknownHeadersIgnored());
            Runtime.getRuntime().addShutdownHook(new Thread(diskS3::close));
        }
        return diskS3;
    }

    /** The disk S3Proxy's credentials at another endpoint: a fault proxy in front of it. */
    public static Target diskS3At(URI endpoint) {
        return new Target(endpoint, diskS3().credentials(), Target.DEFAULT_REGION);
    }

    /**
     * A second S3Proxy, on AWS's terms: buckets virtual-hosted under {@code localhost} (a request to
     * {@code bucket.localhost} is for that bucket; the lite client resolves such a name to loopback) as well as
     * path-style at {@code localhost}, over http and over https with {@link #certificate()}; and requests with a
     * session token accepted, as S3Proxy refuses them unless told to ignore the header.
     */
    public static synchronized EmbeddedS3Proxy virtualHostS3() {
        if (virtualHostS3 == null) {
            virtualHostS3 = EmbeddedS3Proxy.start(
                    Backend.MEMORY,
                    Path.of("target", "test-stores"),
                    EmbeddedS3Proxy.Options.none()
                            .withVirtualHost("localhost")
                            .withHttps(certificate().keystore(), certificate().password())
                            .withUnknownHeadersIgnored());
            Runtime.getRuntime().addShutdownHook(new Thread(virtualHostS3::close));
        }
        return virtualHostS3;
    }

    /** The self-signed certificate (localhost, *.localhost) the https S3Proxy serves, made once per test JVM. */
    public static synchronized TestCertificate certificate() {
        if (certificate == null) {
            certificate = TestCertificate.create(Path.of(
                    "target", "test-stores", "tls-" + ProcessHandle.current().pid()));
        }
        return certificate;
    }

    /** The shared S3Proxy's credentials at another endpoint: a fault proxy in front of it, or a closed port. */
    public static Target s3At(URI endpoint) {
        return new Target(endpoint, s3().credentials(), Target.DEFAULT_REGION);
    }

    /** The shared redis-server. */
    public static synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = startRedis(Path.of("target", "test-stores"));
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    /** The shared Redis Cluster: three masters, no replicas, of the binary {@code REDIS_SERVER} names. */
    public static synchronized EmbeddedRedisCluster cluster() {
        if (cluster == null) {
            cluster = EmbeddedRedisCluster.start(Path.of("target", "test-stores"), redisServer());
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return cluster;
    }

    /** A redis-server of the test's own, which the test stops. */
    public static EmbeddedRedis startRedis(Path parent) {
        return EmbeddedRedis.start(parent, redisServer());
    }

    /** A loopback port nothing listens on (it was free a moment ago): connecting to it is refused. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} on a {@link #closedPort()}. */
    public static URI closedHttpEndpoint() {
        return URI.create("http://127.0.0.1:" + closedPort());
    }

    /** The binary {@code REDIS_SERVER} names; skips the test when it is not installed. */
    public static RedisServerBinary redisServer() {
        try {
            return RedisServerBinary.fromEnvironment(System.getenv());
        } catch (UserError notInstalled) {
            Assumptions.abort(notInstalled.getMessage());
            throw notInstalled;
        }
    }
}
