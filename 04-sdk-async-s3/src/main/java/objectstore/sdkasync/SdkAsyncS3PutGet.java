package objectstore.sdkasync;

import java.util.List;

import objectstore.common.Options.Defaults;
import objectstore.harness.AsyncLoops;
import objectstore.harness.Experiment;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.sdk.SdkObjectStore;
import objectstore.store.ObjectStore;

/**
 * Chapter 04: the SDK's native async client, S3AsyncClient on Netty.
 */
public final class SdkAsyncS3PutGet {

    /*
     * Chapters 02 and 03 bought concurrency with threads, one blocked thread per request in flight.
     * A natively async client needs none: S3AsyncClient writes requests on Netty's event loops and
     * completes a CompletableFuture when the answer arrives, so a thousand requests in flight cost a
     * thousand connections and futures, not a thousand threads. (The original: aioboto3 on aiohttp.)
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 connections.
     */
    static final Defaults DEFAULTS = new Defaults(10_000, 5_000, 1_000);

    public static void main(String[] args) {
        System.exit(Experiment.main("04-sdk-async-s3", Experiment.Kind.S3, DEFAULTS, List.of(), args, SdkAsyncS3PutGet::measure));
    }

    // tag::measure[]
    static RunResult measure(Run run) throws Exception {
        int concurrency = run.options().concurrency();
        /*
         * The SDK's client behind the project's small ObjectStore API, with a connection per call in
         * flight. Chapter 05 runs the very same loops (AsyncLoops) on the lite client instead.
         */
        try (ObjectStore store = SdkObjectStore.open(run.s3(), concurrency)) {
            /*
             * The loops, measured side by side (see AsyncLoops): await each call (async in name only),
             * batches of C as the original did, and a sliding window of C in flight.
             */
            return run.measure(store, store.description(), AsyncLoops.phases(store, run.bucket(), concurrency));
        }
    }
    // end::measure[]

    private SdkAsyncS3PutGet() {
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 04-sdk-async-s3 exec:java
 *   ./mvnw -q -pl 04-sdk-async-s3 exec:java -Dexec.args="--iterations 3000 --concurrency 200 --backend memory"
 *
 * WHAT YOU SHOULD SEE
 *
 *   "(await each)" near chapter 01's blocking rate; batches and the window several times faster, the
 *   window ahead of batches; client CPU per operation well below chapters 02-03's. The SDK's own work
 *   per request is now visible in cpu µs/op: compare it with chapter 05. docs/04-sdk-async-s3.md has a
 *   measured run.
 */
