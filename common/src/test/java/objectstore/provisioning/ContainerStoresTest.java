package objectstore.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import objectstore.lite.LiteS3Client;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;
import objectstore.store.UserError;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@code --store container}: MinIO and Redis in Docker through Testcontainers, or one clear line without Docker. */
class ContainerStoresTest {

    static ProvisionedStore minio() {
        return Stores.s3(StoreChoice.CONTAINER, Backend.MEMORY, null, Map.of());
    }

    static ProvisionedStore redis() {
        return Stores.redis(StoreChoice.CONTAINER, null, null, Map.of());
    }

    /** Skipped, with Testcontainers' reason, where no Docker engine answers. */
    @Nested
    @Testcontainers(disabledWithoutDocker = true)
    class WithDocker {

        @Test
        void minioRoundTripsAnObjectWithTheLiteClient() {
            try (ProvisionedStore minio = minio();
                    ObjectStore s3 = LiteS3Client.of(minio.target())) {
                assertThat(minio.info().kind()).isEqualTo("container");
                assertThat(minio.info().product()).startsWith("MinIO");
                s3.createBucket("containers").join();
                s3.putObject("containers", "a key", new byte[] {1, 2, 3}).join();
                assertThat(s3.getObject("containers", "a key").join()).containsExactly(1, 2, 3);
                s3.deleteObject("containers", "a key").join();
                s3.deleteBucket("containers").join();
            }
        }

        @Test
        void redisRoundTripsAnObjectWithTheFacade() {
            try (ProvisionedStore redis = redis();
                    ObjectStore store = RedisObjectStore.open(redis.target().endpoint(), null)) {
                assertThat(redis.info().kind()).isEqualTo("container");
                store.createBucket("containers").join();
                store.putObject("containers", "k", new byte[] {4, 5}).join();
                assertThat(store.getObject("containers", "k").join()).containsExactly(4, 5);
                store.deleteObject("containers", "k").join();
                store.deleteBucket("containers").join();
            }
        }
    }

    @Test
    void withoutDockerTheChoiceSaysSoInOneLine() {
        assumeFalse(Containers.dockerAvailable(), "Docker runs here, so --store container starts containers instead");
        assertThatThrownBy(ContainerStoresTest::minio)
                .isInstanceOf(UserError.class)
                .hasMessage("--store container needs Docker, and no Docker engine answers here; use --store embedded");
        assertThatThrownBy(ContainerStoresTest::redis)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs Docker");
    }
}
