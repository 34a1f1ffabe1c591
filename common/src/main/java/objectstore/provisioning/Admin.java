package objectstore.provisioning;

import java.net.URI;

import objectstore.connection.Target;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;

/** The client that creates and removes a run's bucket, apart from the client the chapter measures. */
final class Admin {

    private Admin() {
    }

    /** The lite client: cheap to start, and free of the SDK, so every S3 chapter can use it. */
    static ObjectStore s3(Target target) {
        return LiteS3Client.open(target, LiteSettings.defaults().withMaxInFlight(16));
    }

    static ObjectStore redis(URI uri) {
        return RedisObjectStore.open(uri, null);
    }
}
