package objectstore.largeobjects.clients;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * An S3AsyncClient moving a file as the SDK's own file bodies do: PutObject from the file, GetObject into it. The
 * multipart client and the CRT-based one differ only in how the client is built.
 */
abstract class SdkFileTransfers implements LargeObjectClient {

    protected final S3AsyncClient s3;

    SdkFileTransfers(S3AsyncClient s3) {
        this.s3 = s3;
    }

    @Override
    public String checksum() {
        return "none";
    }

    @Override
    public CompletableFuture<String> put(String bucket, String key, Path file) {
        return s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromFile(file))
                .thenApply(answer -> answer.eTag());
    }

    @Override
    public Download get(String bucket, String key, Path file) {
        return new Download(
                s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toFile(file)),
                () -> SdkSetup.written(file));
    }

    @Override
    public void close() {
        s3.close();
    }
}
