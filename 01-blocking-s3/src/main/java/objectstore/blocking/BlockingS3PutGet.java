package objectstore.blocking;

import java.util.List;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Chapter 01: blocking S3 calls with the AWS SDK for Java v2, one at a time. */
public final class BlockingS3PutGet {

    /*
     * Most examples of S3 from Java start here: an S3Client and a plain loop. Each putObject sends one
     * HTTP request and the thread waits, doing nothing, until the store answers. The loop's rate is
     * therefore one over the round trip: the network, the server's work, and (for a PUT) the server's disk.
     *
     * The original Python experiment used 1,000 objects of 5,000 bytes; so do we by default.
     */
    public static final Chapter CHAPTER = new Chapter(
            "01-blocking-s3",
            BlockingS3PutGet.class,
            StoreKind.S3,
            new Defaults(1_000, 5_000, 1),
            BlockingS3PutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        /*
         * One client for the whole run: building an S3Client is expensive (it loads endpoint rules,
         * signers and an HTTP connection pool), using one is cheap. A single thread needs one connection.
         */
        try (S3Client s3 = SdkClients.blocking(run.target(), 1)) {
            String bucket = run.bucket();
            return run.measure(
                    SdkClients.describe("S3Client", "apache-client", 1),
                    List.of(

                            /*
                             * The loop that matters. rec.put(...) times the call and counts it; nothing else
                             * happens between one request and the next.
                             */
                            // tag::put-loop[]
                            Phase.put(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.put(
                                            o,
                                            () -> s3.putObject(
                                                    b -> b.bucket(bucket).key(o.key()),
                                                    RequestBody.fromBytes(o.data())));
                                }
                            }),
                            // end::put-loop[]

                            /*
                             * Every GET is compared with what was PUT: a wrong or missing byte is an error, not a
                             * fast read.
                             */
                            // tag::get-loop[]
                            Phase.get(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.get(
                                            o,
                                            () -> s3.getObjectAsBytes(b ->
                                                            b.bucket(bucket).key(o.key()))
                                                    .asByteArrayUnsafe());
                                }
                            }),
                            // end::get-loop[]

                            /* Each task puts its object, then reads it back: two round trips per item. */
                            Phase.putThenGet(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.putThenGet(
                                            o,
                                            () -> s3.putObject(
                                                    b -> b.bucket(bucket).key(o.key()),
                                                    RequestBody.fromBytes(o.data())),
                                            () -> s3.getObjectAsBytes(b ->
                                                            b.bucket(bucket).key(o.key()))
                                                    .asByteArrayUnsafe());
                                }
                            })));
        }
    }

    private BlockingS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 01-blocking-s3 exec:java
 *   ./mvnw -q -pl 01-blocking-s3 exec:java -Dexec.args="--iterations 200 --backend memory"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The store it ran on (an embedded S3Proxy unless you configured one), a warm-up, three rounds, and a
 *   summary: one request at a time, bound by the round trip, PUTs slower on the disk backend (each PUT
 *   writes a file) than with --backend memory. docs/01-blocking-s3.md has a measured run.
 */
