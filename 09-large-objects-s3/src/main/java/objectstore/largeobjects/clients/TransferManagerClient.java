package objectstore.largeobjects.clients;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileDownload;

/**
 * The SDK's S3TransferManager, uploadFile and downloadFile, on the client it builds for itself when the CRT is on the
 * classpath (as here): the CRT-based one, made as {@link Crt} makes it, since it must be pointed at the run's store.
 */
final class TransferManagerClient implements LargeObjectClient {

    private final ClientSettings settings;
    private final S3AsyncClient crt;
    private final S3TransferManager transfers;

    TransferManagerClient(ClientSettings settings) {
        this.settings = settings;
        this.crt = Crt.build(settings);
        this.transfers = S3TransferManager.builder().s3Client(crt).build();
    }

    @Override
    public String description() {
        return "S3TransferManager (its defaults) on " + Crt.describe(settings);
    }

    @Override
    public Plan plan(long size, boolean put) {
        return Crt.plan(settings, size, put);
    }

    @Override
    public String checksum() {
        return "none";
    }

    // tag::transfer-manager[]
    @Override
    public CompletableFuture<String> put(String bucket, String key, Path file) {
        return transfers
                .uploadFile(u ->
                        u.source(file).putObjectRequest(p -> p.bucket(bucket).key(key)))
                .completionFuture()
                .thenApply(done -> done.response().eTag());
    }

    @Override
    public Download get(String bucket, String key, Path file) {
        FileDownload download = transfers.downloadFile(
                d -> d.destination(file).getObjectRequest(g -> g.bucket(bucket).key(key)));
        return new Download(
                download.completionFuture(),
                () -> download.progress().snapshot().transferredBytes());
    }
    // end::transfer-manager[]

    @Override
    public void close() {
        transfers.close(); // a client handed to it stays open
        crt.close();
    }
}
