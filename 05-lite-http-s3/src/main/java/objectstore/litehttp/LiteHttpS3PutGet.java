package objectstore.litehttp;

import static objectstore.sdkasync.SdkAsyncS3PutGet.awaitEach;
import static objectstore.sdkasync.SdkAsyncS3PutGet.batches;
import static objectstore.sdkasync.SdkAsyncS3PutGet.get;
import static objectstore.sdkasync.SdkAsyncS3PutGet.put;
import static objectstore.sdkasync.SdkAsyncS3PutGet.window;

import java.util.List;
import objectstore.clients.StoreClients;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.StoreKind;
import objectstore.store.ObjectStore;

/**
 * Chapter 05: the lite client, which signs AWS Signature V4 itself and talks to the S3 REST API over async-http-client.
 */
public final class LiteHttpS3PutGet {

    /*
     * A general SDK does a lot per call: it resolves endpoint rules, runs interceptor chains, marshals
     * request objects, computes checksums, and wraps every byte in layers of abstraction. An S3 PUT is
     * one HTTP request with four signed headers. The lite client (objectstore.lite in common) goes from
     * the method call to that request directly: it builds the path, signs it with a key it derives once a
     * day, and hands it to async-http-client. docs/05-lite-http-s3.md walks through the signing.
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 connections.
     */
    public static final Chapter CHAPTER = new Chapter(
            "05-lite-http-s3",
            LiteHttpS3PutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 1_000),
            LiteHttpS3PutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    /*
     * Chapter 04's three loops (await each, batches, a window), called from chapter 04, on another client:
     * what changes between the two chapters is the client and nothing else. StoreClients.open opens the
     * client the run's endpoint names, with at most --concurrency requests in flight.
     */
    // tag::measure[]
    public static RunResult measure(Run run) throws Exception {
        int concurrency = run.concurrency();
        String bucket = run.bucket();
        try (ObjectStore store =
                StoreClients.open(run.target(), LiteSettings.defaults().withMaxInFlight(concurrency))) {
            return run.measure(
                    store,
                    List.of(
                            Phase.put(
                                    Loop.AWAIT_EACH,
                                    (objects, rec) -> awaitEach(objects, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.AWAIT_EACH,
                                    (objects, rec) -> awaitEach(objects, o -> get(store, bucket, rec, o))),
                            Phase.put(
                                    Loop.BATCHES,
                                    (objects, rec) -> batches(objects, concurrency, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.BATCHES,
                                    (objects, rec) -> batches(objects, concurrency, o -> get(store, bucket, rec, o))),
                            Phase.put(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(objects, concurrency, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(objects, concurrency, o -> get(store, bucket, rec, o))),
                            Phase.putThenGet(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(
                                            objects,
                                            concurrency,
                                            o -> rec.putThenGetAsync(
                                                    o,
                                                    () -> store.putObject(bucket, o.key(), o.data()),
                                                    () -> store.getObject(bucket, o.key()))))));
        }
    }
    // end::measure[]

    private LiteHttpS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 05-lite-http-s3 exec:java
 *   ./mvnw -q -pl 05-lite-http-s3 exec:java -Dexec.args="--iterations 3000 --concurrency 200 --backend memory"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The same phases as chapter 04. On the in-memory S3Proxy, put_object and get_object at or above the
 *   SDK async client's rate, and well under half its client CPU per operation; the server, not the
 *   client, is now the limit. docs/05-lite-http-s3.md has the measured table.
 */
