package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectStoreException;
import objectstore.store.UserError;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Fail;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.ForwardCut;
import objectstore.testing.FaultProxy.Request;
import objectstore.testing.FaultProxy.Stall;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large objects against a misbehaving store ({@link FaultProxy} in front of S3Proxy's filesystem backend): a cut range
 * resumed from its last byte, a part retried alone, a final failure and a cancel that abort the upload, a download that
 * leaves nothing behind; and bad input refused before any request, in one line.
 */
class LargeObjectFaultsTest {

    static final long MIB = 1024 * 1024;
    static final TransferSettings FIVE_MIB = LargeObjectsTest.FIVE_MIB;

    @TempDir
    static Path folder;

    static EmbeddedS3Proxy store;
    static LiteS3Client direct;
    static String bucket;
    static Path source;

    @BeforeAll
    static void start() throws IOException {
        store = TestStores.diskS3();
        direct = LiteS3Client.of(store.target());
        bucket = "faults-large-" + UUID.randomUUID().toString().substring(0, 8);
        direct.createBucket(bucket).join();
        source = LargeObjectsTest.randomFile(folder.resolve("source"), (int) (21 * MIB), 11);
    }

    /** A client through {@code proxy}, retrying quickly. */
    static LiteS3Client through(FaultProxy proxy) {
        return LiteS3Client.open(
                TestStores.diskS3At(proxy.endpoint()),
                LiteSettings.defaults().withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    static boolean isPart(Request request, int part) {
        return request.method().equals("PUT") && request.path().contains("partNumber=" + part + "&");
    }

    static long count(FaultProxy proxy, java.util.function.Predicate<Request> which) {
        return proxy.requests().stream().filter(which).count();
    }

    static void noUploadsLeft() {
        assertThat(direct.listMultipartUploads(bucket, null).join()).isEmpty();
    }

    // tag::resume[]
    @Test
    void aRangeCutHalfWayIsResumedFromItsLastByteAndTheFileStillChecks() throws Exception {
        direct.upload(bucket, "resume", source, FIVE_MIB).result().join();
        long second = 5 * MIB;
        AtomicBoolean cut = new AtomicBoolean();
        // The second range's answer stops after 1 MiB and 17 bytes, once.
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (Request request) -> {
                    String range = request.header("Range");
                    return range != null && range.startsWith("bytes=" + second + "-") && cut.compareAndSet(false, true)
                            ? new ForwardCut(MIB + 17)
                            : new Forward();
                });
                LiteS3Client client = through(proxy)) {
            Path back = folder.resolve("resume.back");
            Downloaded down =
                    client.download(bucket, "resume", back, FIVE_MIB).result().get(60, TimeUnit.SECONDS);

            assertThat(back).hasSameBinaryContentAs(source);
            assertThat(down.checkedByStore()).isTrue();
            List<String> ranges = proxy.requests().stream()
                    .map(request -> request.header("Range"))
                    .filter(range -> range != null && range.endsWith("-" + (2 * second - 1)))
                    .toList();
            assertThat(ranges)
                    .as("the cut range, then the rest of it")
                    .containsExactly(
                            "bytes=" + second + "-" + (2 * second - 1),
                            "bytes=" + (second + MIB + 17) + "-" + (2 * second - 1));
        }
    }
    // end::resume[]

    @Test
    void aPartAnswered503IsSentAgainAloneAndTheObjectIsWhole() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(),
                        (Request request) -> isPart(request, 2) && failed.compareAndSet(false, true)
                                ? new Fail(503, "SlowDown")
                                : new Forward());
                LiteS3Client client = through(proxy)) {
            Uploaded up =
                    client.upload(bucket, "retried", source, FIVE_MIB).result().get(60, TimeUnit.SECONDS);

            assertThat(count(proxy, request -> isPart(request, 2))).isEqualTo(2);
            assertThat(count(proxy, request -> request.path().contains("partNumber=")))
                    .as("five parts, one of them twice")
                    .isEqualTo(6);
            assertThat(client.retries()).isEqualTo(1);
            assertThat(up.eTag()).isEqualTo(LargeObjectsTest.multipartETag(source, 5 * MIB));
        }
        Path back = folder.resolve("retried.back");
        direct.download(bucket, "retried", back, FIVE_MIB).result().join();
        assertThat(back).hasSameBinaryContentAs(source);
    }

    @Test
    void aPartThatFailsForGoodAbortsTheUploadBeforeTheResultFails() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(),
                        (Request request) -> isPart(request, 3) ? new Fail(500, "InternalError") : new Forward());
                LiteS3Client client = through(proxy)) {
            Throwable failure =
                    failure(client.upload(bucket, "doomed", source, FIVE_MIB).result());

            assertThat(failure).isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) failure).code()).isEqualTo("InternalError");
            assertThat(count(proxy, request -> isPart(request, 3)))
                    .as("three attempts")
                    .isEqualTo(3);
            assertThat(count(proxy, request -> request.method().equals("DELETE")))
                    .isEqualTo(1);
        }
        noUploadsLeft();
        assertThat(direct.listObjects(bucket, "doomed", null, 10).join().objects())
                .isEmpty();
    }

    @Test
    void aCancelledUploadCutsItsPartsAndIsAborted() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(), (Request request) -> isPart(request, 2) ? new Stall() : new Forward());
                LiteS3Client client = through(proxy)) {
            Transfer<Uploaded> upload = client.upload(bucket, "cancelled", source, FIVE_MIB);
            awaitRequest(proxy, request -> isPart(request, 2));

            upload.cancel().get(30, TimeUnit.SECONDS);

            assertThat(failure(upload.result())).isInstanceOf(CancellationException.class);
            assertThat(count(proxy, request -> request.method().equals("DELETE")))
                    .isEqualTo(1);
        }
        noUploadsLeft();
    }

    @Test
    void interruptingTheThreadThatAwaitsAnUploadAbortsIt() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(), (Request request) -> isPart(request, 1) ? new Stall() : new Forward());
                LiteS3Client client = through(proxy)) {
            Transfer<Uploaded> upload = client.upload(bucket, "interrupted", source, FIVE_MIB);
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    upload.await();
                    thrown.complete(null);
                } catch (Throwable e) {
                    thrown.complete(e);
                }
            });
            awaitRequest(proxy, request -> isPart(request, 1));

            waiter.interrupt();

            assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(upload.result()).isCompletedExceptionally();
        }
        noUploadsLeft();
    }

    @Test
    void aCancelledDownloadLeavesNoFileBehind() throws Exception {
        direct.upload(bucket, "stalls", source, FIVE_MIB).result().join();
        Path into = Files.createDirectory(folder.resolve("cancelled-download"));
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (Request request) -> {
                    String range = request.header("Range");
                    return range != null && !range.startsWith("bytes=0-") ? new Stall() : new Forward();
                });
                LiteS3Client client = through(proxy)) {
            Transfer<Downloaded> download = client.download(bucket, "stalls", into.resolve("file"), FIVE_MIB);
            awaitRequest(proxy, request -> request.header("Range") != null);

            download.cancel().get(30, TimeUnit.SECONDS);

            assertThat(failure(download.result())).isInstanceOf(CancellationException.class);
        }
        try (var left = Files.list(into)) {
            assertThat(left).isEmpty();
        }
    }

    // ---- Bad input: one line each, before any request ---------------------------------------------

    @Test
    void badInputIsRefusedInOneLineBeforeAnyRequest() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(null, (hit, method, path) -> new Fail(500, "InternalError"));
                LiteS3Client client = through(proxy)) {
            assertThatThrownBy(() -> FIVE_MIB.withPartSize(5 * MIB - 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("part size 5242879 bytes is outside S3's limits for a part;"
                            + " give 5 MiB (5242880 bytes) to 5 GiB");

            assertThat(failure(client.upload(bucket, "k", folder.resolve("absent"), FIVE_MIB)
                            .result()))
                    .isInstanceOf(UserError.class)
                    .hasMessage("no file " + folder.resolve("absent") + " to upload; check the path");

            // 10,241 parts of 5 MiB: a sparse file, so nothing is written to disk.
            Path huge = folder.resolve("huge");
            try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(50 * 1024 * MIB + 1);
            }
            assertThat(failure(client.upload(bucket, "k", huge, FIVE_MIB).result()))
                    .isInstanceOf(UserError.class)
                    .hasMessage(huge + " is 53687091201 bytes: in parts of 5242880 bytes that is 10241 parts,"
                            + " more than S3's 10000; give a part size of at least 6 MiB");

            Path nowhere = folder.resolve("no-such-folder").resolve("file");
            assertThat(failure(client.download(bucket, "k", nowhere, FIVE_MIB).result()))
                    .isInstanceOf(UserError.class)
                    .hasMessage("the folder " + nowhere.getParent()
                            + " does not exist; create it first, or download elsewhere");

            assertThat(proxy.hits()).isZero();
        }
    }

    /* /dev/full answers every write with ENOSPC, the error a full disk gives. */
    @Test
    void aFullDiskSaysSo() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        try (FileChannel channel = FileChannel.open(full, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() ->
                            DestinationFile.writeFully(channel, ByteBuffer.allocateDirect(4096), 0, Path.of("big.iso")))
                    .isInstanceOf(UserError.class)
                    .hasMessage("the disk is full: no space left on device writing big.iso;"
                            + " free some space, or download elsewhere");
        }
    }

    static void awaitRequest(FaultProxy proxy, java.util.function.Predicate<Request> which)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(proxy, which) == 0) {
            assertThat(System.nanoTime()).as("the request arrived in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
