package objectstore.bench.peers;

import java.util.concurrent.CompletableFuture;
import objectstore.harness.Chapter;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkClients;
import objectstore.util.LibraryVersion;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** A peer: the AWS SDK's CRT-based S3 client, AWS's own answer to "the SDK's async client is too slow". */
public final class SdkCrtPutGet {

    /*
     * S3AsyncClient.crtBuilder() gives the same S3AsyncClient interface as chapter 04, but the requests are
     * made by the AWS Common Runtime: native code (C) with its own event loop, connection pool and signer,
     * reached through JNI. It is built for large transfers (it splits big objects into parts and fetches
     * them in parallel); here we see what it does with many small ones.
     *
     * The native library ships inside the aws-crt jar for common platforms (linux x86_64 among them).
     * Where it cannot load, this experiment says so and exits with code 3: the suite then shows the peer
     * as "not run", with the reason, rather than as a failure of the store.
     */
    public static final Chapter CHAPTER = new Chapter(
            "peer-sdk-crt",
            SdkCrtPutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 1_000),
            SdkCrtPutGet::measure);

    /** The exit code that means "cannot run on this machine", which the suite reports as not run. */
    public static final int CANNOT_RUN_HERE = 3;

    public static void main(String[] args) {
        String problem = nativeLibraryProblem();
        if (problem != null) {
            System.err.println("peer-sdk-crt: not run: the AWS CRT native library did not load here (" + problem + ")");
            System.exit(CANNOT_RUN_HERE);
        }
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        int window = run.concurrency();
        String bucket = run.bucket();
        try (S3AsyncClient s3 = SdkClients.crt(run.target(), window)) {
            return run.measure(
                    "AWS SDK for Java " + VersionInfo.SDK_VERSION + ", S3AsyncClient.crtBuilder() (AWS CRT "
                            + LibraryVersion.of(
                                    software.amazon.awssdk.crt.CRT.class, "software.amazon.awssdk.crt", "aws-crt")
                            + "), sliding window of " + window,
                    PeerPhases.windows(window, o -> put(s3, bucket, o), o -> get(s3, bucket, o)));
        }
    }

    static CompletableFuture<?> put(S3AsyncClient s3, String bucket, TestObject o) {
        return s3.putObject(b -> b.bucket(bucket).key(o.key()), AsyncRequestBody.fromBytes(o.data()));
    }

    static CompletableFuture<byte[]> get(S3AsyncClient s3, String bucket, TestObject o) {
        return s3.getObject(b -> b.bucket(bucket).key(o.key()), AsyncResponseTransformer.toBytes())
                .thenApply(bytes -> bytes.asByteArrayUnsafe());
    }

    /** Null when the CRT's native library loads; otherwise why not. */
    static String nativeLibraryProblem() {
        try {
            Class.forName("software.amazon.awssdk.crt.CRT", true, SdkCrtPutGet.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return "the aws-crt jar is not on the classpath";
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName() + ": "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        }
    }

    private SdkCrtPutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl bench exec:java -Dexec.mainClass=objectstore.bench.peers.SdkCrtPutGet -Dexec.args="--iterations 2000"
 *   or as part of the suite: ./mvnw -q -pl bench exec:java -Dexec.args="--quick"
 *
 * WHAT YOU SHOULD SEE
 *
 *   On linux x86_64, every object verified and rates in the range of chapter 04's; the client CPU
 *   figure counts the native threads too (they are threads of this process). Elsewhere, one line saying
 *   why the native library did not load. docs/results/results.md has a measured run.
 */
