package objectstore.harness;

import java.net.URI;

import objectstore.common.S3Target;
import objectstore.lite.LiteS3Client;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;

/** The client that creates and removes a run's bucket, apart from the client the chapter measures. */
final class Admin {

    private Admin() {
    }

    /** The lite client: cheap to start, and free of the SDK, so every S3 chapter can use it. */
    static ObjectStore s3(S3Target target) {
        return LiteS3Client.builder().endpoint(target.endpoint()).credentials(target.credentials()).region(target.region())
                .maxConnections(16).build();
    }

    static ObjectStore redis(URI uri) {
        return RedisObjectStore.open(uri, null);
    }
}
