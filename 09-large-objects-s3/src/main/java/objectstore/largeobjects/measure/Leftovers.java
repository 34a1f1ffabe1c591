package objectstore.largeobjects.measure;

import java.util.List;
import java.util.concurrent.CompletionException;
import objectstore.connection.Target;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a client left in the bucket once its JVM is gone: objects, and multipart uploads it started and neither
 * completed nor aborted (their parts take the store's space and show in no listing of objects). Both are removed, and
 * counted.
 */
public final class Leftovers implements AutoCloseable {

    /**
     * How many objects and unfinished multipart uploads were found, and removed; {@code uploads} is -1 where the store
     * cannot list its uploads.
     */
    public record Found(int objects, int uploads) {

        public boolean none() {
            return objects == 0 && uploads <= 0;
        }
    }

    private final S3AsyncClient s3;
    private final String bucket;

    /** Looks after {@code bucket}, with a client of its own (the SDK's: the lite client lists no uploads). */
    public Leftovers(Target target, String bucket) {
        this.s3 = SdkClients.async(target, 4);
        this.bucket = bucket;
    }

    /** Aborts every multipart upload in the bucket and removes every object. */
    public Found removeAll() {
        List<MultipartUpload> uploads;
        try {
            uploads = s3.listMultipartUploads(b -> b.bucket(bucket)).join().uploads();
        } catch (CompletionException e) {
            if (e.getCause() instanceof S3Exception s3Error && s3Error.statusCode() == 501) {
                uploads = null; // s3rver, for one, implements no ListMultipartUploads
            } else {
                throw e;
            }
        }
        for (MultipartUpload upload : uploads == null ? List.<MultipartUpload>of() : uploads) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                    .join();
        }
        List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket)).join().contents();
        for (S3Object object : objects) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key())).join();
        }
        return new Found(objects.size(), uploads == null ? -1 : uploads.size());
    }

    @Override
    public void close() {
        s3.close();
    }
}
