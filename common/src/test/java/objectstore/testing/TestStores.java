package objectstore.testing;

import java.nio.file.Path;

import objectstore.common.Backend;
import objectstore.common.EmbeddedRedis;
import objectstore.common.EmbeddedS3Proxy;

/**
 * Real stores for tests, started once per test JVM and stopped when it exits: an S3Proxy with signature
 * checking on (in-memory backend, for speed) and a redis-server, each a child process on loopback with
 * random credentials.
 */
public final class TestStores {

    private static EmbeddedS3Proxy s3;
    private static EmbeddedRedis redis;

    private TestStores() {
    }

    /** The shared S3Proxy (in-memory backend). */
    public static synchronized EmbeddedS3Proxy s3() {
        if (s3 == null) {
            s3 = EmbeddedS3Proxy.start(Backend.MEMORY, Path.of("target", "test-stores"));
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
        }
        return s3;
    }

    /** The shared redis-server. */
    public static synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = EmbeddedRedis.start(Path.of("target", "test-stores"));
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }
}
