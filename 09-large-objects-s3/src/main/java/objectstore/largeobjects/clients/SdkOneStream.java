package objectstore.largeobjects.clients;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The SDK's S3AsyncClient on its Netty HTTP client, as chapter 04 uses it: one PutObject streams the file, one
 * GetObject streams the object into a file, each on one connection.
 */
final class SdkOneStream implements LargeObjectClient {

    private final S3AsyncClient s3;
    private final boolean checksums;
    private final SdkSetup.Answers puts = new SdkSetup.Answers();
    private final SdkSetup.Answers gets = new SdkSetup.Answers();

    /** With {@code checksums}, the SDK's default integrity mode (WHEN_SUPPORTED); else WHEN_REQUIRED. */
    SdkOneStream(ClientSettings settings, boolean checksums) {
        this.checksums = checksums;
        this.s3 = SdkSetup.s3Compatible(S3AsyncClient.builder(), settings, checksums)
                .build();
    }

    @Override
    public String description() {
        return SdkSetup.VERSION + ", S3AsyncClient on netty-nio-client, its defaults; checksums "
                + (checksums ? "WHEN_SUPPORTED (the SDK's default)" : "WHEN_REQUIRED");
    }

    @Override
    public Plan plan(long size, boolean put) {
        return Plan.oneStream();
    }

    @Override
    public String checksum() {
        return checksums
                ? "CRC32 computed by the SDK and sent with every PUT (the store answered one on " + puts
                        + "); checked on every GET whose answer carries one (" + gets + ")"
                : "none";
    }

    // tag::one-stream[]
    @Override
    public CompletableFuture<String> put(String bucket, String key, Path file) {
        return s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromFile(file))
                .thenApply(answer -> {
                    puts.count(answer.checksumCRC32() != null);
                    return answer.eTag();
                });
    }

    @Override
    public Download get(String bucket, String key, Path file) {
        CompletableFuture<?> done = s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toFile(file))
                .thenAccept(answer -> gets.count(answer.checksumCRC32() != null));
        return new Download(done, () -> SdkSetup.written(file));
    }
    // end::one-stream[]

    @Override
    public void close() {
        s3.close();
    }
}
