package objectstore.bench.peers;

import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.credentials.StaticProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.connection.Target;
import objectstore.harness.Chapter;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.util.LibraryVersion;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** A peer: the MinIO Java SDK's async client, the library many would reach for instead of the chapters' clients. */
public final class MinioSdkPutGet {

    /*
     * Measured the same way as the chapters: the same harness, the same objects, every GET compared with
     * what was PUT. Defaults as chapters 04 and 05: 10,000 objects of 5,000 bytes, up to 1,000 in flight.
     *
     * MinioAsyncClient returns CompletableFutures, but underneath it is OkHttp, whose dispatcher runs each
     * call as a blocking exchange on a thread of its own: 1,000 in flight means 1,000 threads. Compare the
     * CPU per operation with chapter 05's lite client, which keeps the same number in flight on a few
     * event-loop threads.
     */
    public static final Chapter CHAPTER = new Chapter(
            "peer-minio-sdk",
            MinioSdkPutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 1_000),
            MinioSdkPutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        int window = run.concurrency();
        String bucket = run.bucket();
        OkHttpClient http = httpClient(window);
        try {
            MinioAsyncClient s3 = MinioAsyncClient.builder()
                    .endpoint(run.target().endpoint().toString())
                    .region(run.target().region())
                    .credentialsProvider(credentials(run.target()))
                    .httpClient(http)
                    .build();
            return run.measure(
                    "MinIO Java SDK " + LibraryVersion.of(MinioAsyncClient.class, "io.minio", "minio")
                            + ", MinioAsyncClient on OkHttp, sliding window of " + window,
                    PeerPhases.windows(window, o -> put(s3, bucket, o), o -> get(s3, bucket, o)));
        } finally {
            // MinioAsyncClient has no close(): its OkHttp threads and connections are released here.
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /*
     * Three settings make the MinIO client work well against S3Proxy (or any local server):
     *   - the region, so the client does not ask the store for the bucket's location first;
     *   - an OkHttp dispatcher that allows `window` calls per host: OkHttp's default is 5, which would
     *     quietly cap the window at 5 whatever the loop does;
     *   - a connection pool that keeps that many connections open between calls.
     * The client uses path-style URLs for any endpoint that is not AWS.
     */
    static OkHttpClient httpClient(int window) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(window);
        dispatcher.setMaxRequestsPerHost(window);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(window, 5, TimeUnit.MINUTES))
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(1, TimeUnit.MINUTES)
                .readTimeout(5, TimeUnit.MINUTES)
                .writeTimeout(5, TimeUnit.MINUTES)
                .build();
    }

    private static StaticProvider credentials(Target target) {
        return new StaticProvider(
                target.credentials().accessKeyId(),
                target.credentials().secretAccessKey(),
                target.credentials().sessionToken());
    }

    static CompletableFuture<?> put(MinioAsyncClient s3, String bucket, TestObject o) {
        return call(() -> s3.putObject(PutObjectArgs.builder().bucket(bucket).object(o.key()).stream(
                        new ByteArrayInputStream(o.data()), o.data().length, -1)
                .build()));
    }

    /* getObject completes when the headers arrive; the body is read on the OkHttp thread that completed it. */
    static CompletableFuture<byte[]> get(MinioAsyncClient s3, String bucket, TestObject o) {
        return MinioSdkPutGet.<InputStream>call(() -> s3.getObject(
                        GetObjectArgs.builder().bucket(bucket).object(o.key()).build()))
                .thenApply(body -> {
                    try (body) {
                        return body.readAllBytes();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** The client's methods declare checked exceptions before they return a future; they become a failed future. */
    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> call(Checked<? extends CompletableFuture<? extends T>> call) {
        try {
            return (CompletableFuture<T>) call.get();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @FunctionalInterface
    private interface Checked<T> {
        T get() throws Exception;
    }

    private MinioSdkPutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl bench exec:java -Dexec.mainClass=objectstore.bench.peers.MinioSdkPutGet \
 *     -Dexec.args="--iterations 2000"
 *   or as part of the suite: ./mvnw -q -pl bench exec:java -Dexec.args="--quick"
 *
 * WHAT YOU SHOULD SEE
 *
 *   Every object verified, and rates between chapter 04's and chapter 05's on the same store, with a
 *   higher CPU cost per operation than the lite client: a thread per call in flight is not free.
 *   docs/results/results.md has a measured run.
 */
