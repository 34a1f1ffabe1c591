package objectstore.largeobjects.clients;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import objectstore.lite.Downloaded;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.lite.Transfer;
import objectstore.lite.TransferSettings;

/**
 * The lite client's large objects ({@code LiteS3Client.upload} and {@code download}): a multipart upload whose parts
 * are read from the file, {@code parallel} at once, and a download in ranged GETs written where they belong in the
 * file, its part buffers from a bounded pool. With {@code checksum}, a whole-object CRC32C goes with every upload and
 * is computed over every download as it arrives (its defaults); without, neither.
 *
 * <p>Compiled only where the lite client has that API (see this module's pom); {@link Client#LITE} opens it by name.
 */
final class LiteLargeObjects implements LargeObjectClient {

    private final LiteS3Client lite;
    private final TransferSettings transfers;
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder matched = new LongAdder();
    private final LongAdder checkedByStore = new LongAdder();

    // tag::lite[]
    LiteLargeObjects(ClientSettings settings, boolean checksum) {
        TransferSettings transfers = TransferSettings.defaults();
        if (settings.partSize() != null) {
            transfers = transfers.withPartSize(settings.partSize()).withMultipartThreshold(settings.partSize());
        }
        if (settings.parallel() != null) {
            transfers = transfers.withParallel(settings.parallel());
        }
        this.transfers = checksum ? transfers : transfers.withoutChecksum();
        LiteSettings defaults = LiteSettings.defaults();
        this.lite = LiteS3Client.open(
                settings.target(), defaults.withMaxInFlight(Math.max(defaults.maxInFlight(), transfers.parallel())));
    }
    // end::lite[]

    @Override
    public String description() {
        return "the lite client (objectstore.lite), parts of " + (transfers.partSize() >> 20) + " MiB from "
                + (transfers.multipartThreshold() >> 20) + " MiB on, " + transfers.parallel() + " in flight"
                + (transfers.checksum() == null ? ", no checksum" : ", a whole-object " + transfers.checksum());
    }

    @Override
    public Plan plan(long size, boolean put) {
        return size >= transfers.multipartThreshold()
                ? Plan.parts(size, transfers.partSize(), transfers.parallel())
                : Plan.oneStream();
    }

    @Override
    public String checksum() {
        return transfers.checksum() == null
                ? "none"
                : transfers.checksum() + " of the whole object, computed as it was sent and sent with it; computed"
                        + " over every download as it arrived: it equalled the upload's on " + matched + " of "
                        + downloads + ", and the store checked it on " + checkedByStore;
    }

    @Override
    public CompletableFuture<String> put(String bucket, String key, Path file) {
        return lite.upload(bucket, key, file, transfers).result().thenApply(uploaded -> {
            if (uploaded.checksum() != null) {
                sent.put(key, uploaded.checksum());
            }
            return uploaded.eTag();
        });
    }

    @Override
    public Download get(String bucket, String key, Path file) {
        Transfer<Downloaded> download = lite.download(bucket, key, file, transfers);
        CompletableFuture<?> done = download.result().thenAccept(downloaded -> {
            downloads.increment();
            if (downloaded.checksum() != null && downloaded.checksum().equals(sent.get(key))) {
                matched.increment();
            }
            if (downloaded.checkedByStore()) {
                checkedByStore.increment();
            }
        });
        // It writes into a file of its own beside the destination: its count of bytes written says how far it is.
        return new Download(done, download::transferred);
    }

    @Override
    public void close() {
        lite.close();
    }
}
