package objectstore.provisioning;

import java.net.URI;
import objectstore.connection.Credentials;
import objectstore.connection.Target;
import objectstore.store.UserError;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;

/** Stores in Docker containers, through Testcontainers: MinIO and Redis, with credentials made for the run. */
final class Containers {

    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";
    static final String REDIS_IMAGE = "redis:7.4";

    private Containers() {}

    static ProvisionedStore minio() {
        requireDocker();
        String user = "user" + EmbeddedS3Proxy.randomHex(4);
        String password = EmbeddedS3Proxy.randomHex(16);
        MinIOContainer minio =
                new MinIOContainer(MINIO_IMAGE).withUserName(user).withPassword(password);
        minio.start();
        URI endpoint = URI.create(minio.getS3URL());
        Credentials credentials = new Credentials(user, password, null, "random credentials of the MinIO container");
        StoreInfo info = new StoreInfo("container", "MinIO (" + MINIO_IMAGE + ")", null, endpoint.toString());
        return new ProvisionedStore(new Target(endpoint, credentials, Target.DEFAULT_REGION), info, minio::stop);
    }

    static ProvisionedStore redis() {
        requireDocker();
        String password = EmbeddedS3Proxy.randomHex(16);
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE)
                .withExposedPorts(6379)
                .withCommand("redis-server", "--requirepass", password, "--save", "", "--appendonly", "no");
        redis.start();
        String hostPort = redis.getHost() + ":" + redis.getMappedPort(6379);
        return new ProvisionedStore(
                Target.redis(URI.create("redis://:" + password + "@" + hostPort)),
                new StoreInfo("container", "Redis (" + REDIS_IMAGE + ")", null, "redis://" + hostPort),
                redis::stop);
    }

    /** True when a Docker engine answers. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static void requireDocker() {
        if (!dockerAvailable()) {
            throw new UserError(
                    "--store container needs Docker, and no Docker engine answers here; use --store embedded");
        }
    }
}
