package objectstore.sdk;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import objectstore.connection.Target;
import objectstore.store.DeleteError;
import objectstore.store.ETags;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The {@link ObjectStore} API over the SDK's {@code S3AsyncClient}: chapter 04's client. */
public final class SdkObjectStore implements ObjectStore {

    private final S3AsyncClient s3;
    private final String endpoint;
    private final String description;

    public SdkObjectStore(S3AsyncClient s3, String endpoint, String description) {
        this.s3 = s3;
        this.endpoint = endpoint;
        this.description = description;
    }

    /** An adapter over a new {@code S3AsyncClient} with up to {@code maxConcurrency} connections. */
    public static SdkObjectStore open(Target target, int maxConcurrency) {
        return new SdkObjectStore(
                SdkClients.async(target, maxConcurrency),
                target.endpoint().toString(),
                SdkClients.describe("S3AsyncClient", "netty-nio-client", maxConcurrency));
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return mapped(s3.createBucket(b -> b.bucket(bucket)), r -> null);
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return mapped(s3.deleteBucket(b -> b.bucket(bucket)), r -> null);
    }

    @Override
    public CompletableFuture<List<String>> listBuckets() {
        return mapped(
                s3.listBuckets(),
                r -> r.buckets().stream().map(Bucket::name).sorted().toList());
    }

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return mapped(
                s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytesUnsafe(data)),
                r -> ETags.unquote(r.eTag()));
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return mapped(
                s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()),
                r -> r.asByteArrayUnsafe());
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return mapped(
                s3.headObject(b -> b.bucket(bucket).key(key)),
                r -> new ObjectInfo(key, r.contentLength(), ETags.unquote(r.eTag()), r.lastModified()));
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return mapped(s3.deleteObject(b -> b.bucket(bucket).key(key)), r -> null);
    }

    @Override
    public CompletableFuture<ListPage> listObjects(
            String bucket, String prefix, String continuationToken, int maxKeys) {
        return mapped(
                s3.listObjectsV2(b -> b.bucket(bucket)
                        .prefix(prefix)
                        .continuationToken(continuationToken)
                        .maxKeys(maxKeys)),
                r -> new ListPage(
                        r.contents().stream()
                                .map(o -> new ObjectInfo(o.key(), o.size(), ETags.unquote(o.eTag()), o.lastModified()))
                                .toList(),
                        Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null));
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys) {
        List<ObjectIdentifier> ids = keys.stream()
                .map(k -> ObjectIdentifier.builder().key(k).build())
                .toList();
        return mapped(
                s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(ids).quiet(true).build())),
                r -> r.errors().stream()
                        .map(e -> new DeleteError(e.key(), e.code(), e.message()))
                        .toList());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Maps the SDK's result, and its exceptions to the project's: an S3 error code, or an unreachable endpoint. */
    private <R, T> CompletableFuture<T> mapped(CompletableFuture<R> call, Function<R, T> result) {
        return call.handle((r, error) -> {
            if (error == null) {
                return result.apply(r);
            }
            Throwable cause = Causes.root(error);
            if (cause instanceof S3Exception s3Error) {
                String code = s3Error.awsErrorDetails() != null
                                && s3Error.awsErrorDetails().errorCode() != null
                        ? s3Error.awsErrorDetails().errorCode()
                        : "HTTP" + s3Error.statusCode();
                throw new ObjectStoreException(
                        code,
                        s3Error.statusCode(),
                        s3Error.awsErrorDetails() == null
                                ? null
                                : s3Error.awsErrorDetails().errorMessage(),
                        s3Error.requestId());
            }
            if (cause instanceof SdkClientException) {
                throw new StoreUnavailableException("cannot reach " + endpoint + ": " + cause.getMessage(), cause);
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }
}
