package objectstore.workshop.checks;

import java.util.concurrent.ThreadLocalRandom;
import objectstore.lite.LiteS3Client;
import objectstore.provisioning.BucketLifecycle;
import objectstore.testing.TestStores;

/**
 * A bucket of a check's own on the tests' embedded S3Proxy (signature checking on), with the lite client that made it;
 * closing it empties and deletes the bucket.
 */
final class S3Bucket implements AutoCloseable {

    final LiteS3Client store;
    final String name;

    private S3Bucket(LiteS3Client store, String name) {
        this.store = store;
        this.name = name;
    }

    /** A new bucket named after the exercise, e.g. {@code ch04-5f3a9c}. */
    static S3Bucket create(String exercise) {
        LiteS3Client store = LiteS3Client.of(TestStores.s3().target());
        String name =
                exercise + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        BucketLifecycle.create(store, name);
        return new S3Bucket(store, name);
    }

    @Override
    public void close() {
        try {
            BucketLifecycle.delete(store, name);
        } finally {
            store.close();
        }
    }
}
