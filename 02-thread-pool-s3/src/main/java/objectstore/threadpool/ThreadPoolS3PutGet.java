package objectstore.threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Chapter 02: blocking SDK calls on a thread pool, of platform or virtual threads. */
public final class ThreadPoolS3PutGet {

    /*
     * The usual cure for chapter 01: run the blocking calls on many threads at once. The original
     * experiment used 10,000 objects and 300 workers, and found PUTs faster but GETs *slower* than the
     * plain blocking loop. It blamed lock contention. Two other things in its code explain it, and this
     * chapter measures both side by side:
     *
     *   1. its GET loop submitted a task and waited for that task's result before submitting the next,
     *      so exactly one GET was ever in flight: serial work, plus a hand-off to a pool thread each time;
     *   2. its HTTP client pooled 10 connections for 300 threads, so at most 10 requests were in flight
     *      and 290 threads queued for a connection.
     */
    public static final Chapter CHAPTER = new Chapter(
            "02-thread-pool-s3",
            ThreadPoolS3PutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 300),
            List.of(new Options.Extra("threads", List.of("platform", "virtual"), "the pool's threads")),
            ThreadPoolS3PutGet::measure);

    /** The original's HTTP connection pool: botocore's default of 10. */
    static final int ORIGINAL_POOL = 10;

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        int workers = run.concurrency();
        String bucket = run.bucket();

        /*
         * Platform threads: a fixed pool of --concurrency workers. Virtual threads: one cheap thread per
         * task; the connection pool is then the only limit on requests in flight.
         */
        try (ExecutorService pool = run.options().extra("threads").equals("virtual")
                        ? Executors.newVirtualThreadPerTaskExecutor()
                        : Executors.newFixedThreadPool(workers);
                S3Client original = SdkClients.blocking(run.target(), ORIGINAL_POOL);
                S3Client sized = SdkClients.blocking(run.target(), workers)) {

            return run.measure(
                    SdkClients.describe("S3Client", "apache-client", workers)
                            + " (and one of " + ORIGINAL_POOL + " connections, as the original); "
                            + run.options().extra("threads") + " threads",
                    List.of(

                            /* First, the original: 10 connections, and a GET loop that waits after every submit. */
                            Phase.put(
                                    Loop.CONNECTIONS,
                                    ORIGINAL_POOL,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.put(o, () -> put(original, bucket, o)))),

                            // tag::original-get[]
                            Phase.get(Loop.WAIT_AFTER_EACH_SUBMIT, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    pool.submit(() -> rec.get(o, () -> get(original, bucket, o)))
                                            .get();
                                }
                            }),
                            // end::original-get[]

                            /*
                             * The test of the original's hypothesis: the same GETs in a plain loop on this thread, no
                             * pool at all. If the serial form above were slow because 300 threads fought over locks,
                             * this loop, which has no threads to fight, would be much faster; if it runs at the same
                             * rate, the serial submit-and-wait is the cause. (docs/02-thread-pool-s3.md adds the JVM's
                             * own count of contended locks and parked threads, from a profile of both.)
                             */
                            // tag::plain-get[]
                            Phase.get(Loop.PLAIN_LOOP, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.get(o, () -> get(original, bucket, o));
                                }
                            }),
                            // end::plain-get[]

                            /* Same 10 connections, but every GET submitted before waiting: fix 1 alone. */
                            Phase.get(
                                    Loop.CONNECTIONS,
                                    ORIGINAL_POOL,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.get(o, () -> get(original, bucket, o)))),

                            /* Corrected: a connection per worker, every task submitted, then waited for. */
                            Phase.put(
                                    Loop.OWN,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.put(o, () -> put(sized, bucket, o)))),
                            Phase.get(
                                    Loop.OWN,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.get(o, () -> get(sized, bucket, o)))),
                            Phase.putThenGet(
                                    Loop.OWN,
                                    (objects, rec) -> submitAllThenWait(
                                            pool,
                                            objects,
                                            o -> rec.putThenGet(
                                                    o, () -> put(sized, bucket, o), () -> get(sized, bucket, o))))));
        }
    }

    /** Submits one task per object, then waits for all of them: the executor keeps {@code workers} busy. */
    // tag::submit-all[]
    public static void submitAllThenWait(
            ExecutorService pool, List<TestObject> objects, java.util.function.Consumer<TestObject> task)
            throws Exception {
        List<Future<?>> submitted = new ArrayList<>(objects.size());
        for (TestObject o : objects) {
            submitted.add(pool.submit(() -> task.accept(o)));
        }
        for (Future<?> f : submitted) {
            f.get();
        }
    }
    // end::submit-all[]

    static void put(S3Client s3, String bucket, TestObject o) {
        s3.putObject(b -> b.bucket(bucket).key(o.key()), RequestBody.fromBytes(o.data()));
    }

    static byte[] get(S3Client s3, String bucket, TestObject o) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArrayUnsafe();
    }

    private ThreadPoolS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 02-thread-pool-s3 exec:java
 *   ./mvnw -q -pl 02-thread-pool-s3 exec:java -Dexec.args="--threads virtual --iterations 2000"
 *
 * WHAT YOU SHOULD SEE
 *
 *   "get_object (wait after each submit)" close to chapter 01's blocking rate (it is the same serial
 *   loop, plus a thread hand-off), "get_object (10 connections)" several times faster, and the corrected
 *   "get_object" fastest. docs/02-thread-pool-s3.md has a measured run and what it says about the
 *   original's lock-contention hypothesis.
 */
