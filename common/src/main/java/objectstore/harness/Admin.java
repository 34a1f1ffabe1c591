package objectstore.harness;

import java.net.URI;

import objectstore.common.S3Target;
import objectstore.redis.RedisObjectStore;
import objectstore.sdk.SdkObjectStore;
import objectstore.store.ObjectStore;

/** The client that creates and removes a run's bucket, apart from the client the chapter measures. */
final class Admin {

    private Admin() {
    }

    static ObjectStore s3(S3Target target) {
        return SdkObjectStore.open(target, 16);
    }

    static ObjectStore redis(URI uri) {
        return RedisObjectStore.open(uri, null);
    }
}
