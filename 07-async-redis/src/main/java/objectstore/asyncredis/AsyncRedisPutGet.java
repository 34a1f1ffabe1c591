package objectstore.asyncredis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceVersion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Recorder;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;

/** Chapter 07: async Redis with Lettuce: many commands in flight on one connection. */
public final class AsyncRedisPutGet {

    /*
     * Chapter 06 waited for every reply before sending the next command. An async client sends the
     * next command straight away and handles each reply when it arrives, so the round trips overlap.
     * The original used asyncio with 100,000 objects of 5,000 bytes and 200 at a time, over a pool of
     * 200 connections; the same figures are our defaults, but not the 200 connections (see below).
     */
    public static final Chapter CHAPTER = new Chapter(
            "07-async-redis",
            AsyncRedisPutGet.class,
            StoreKind.REDIS_KEYS,
            new Defaults(100_000, 5_000, 200),
            List.of(new Options.Extra(
                    "connections",
                    List.of("1", "1,2", "1,2,4", "1,2,4,8"),
                    "also run the window over this many connections, each count its own PUT and GET phases")),
            AsyncRedisPutGet::measure);

    /** Keys are strings ({@code bucket/uuid}), values the object's bytes untouched. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        int inFlight = run.concurrency();
        String bucket = run.bucket();

        /*
         * One connection for everything. A Lettuce connection is thread-safe and multiplexed: commands
         * from any thread are written to the socket in order, and replies (which Redis sends in the same
         * order) are matched to them as they come back. Redis runs commands one at a time anyway, so a
         * second connection adds sockets; Lettuce's own advice is to share one. Whether it adds throughput
         * too, --connections 1,2,4 measures.
         *
         * A second connection exists only for the manual-flush phases, which switch its auto-flush off;
         * the other phases keep the default of one write per command.
         */
        /*
         * On a Redis Cluster (the run's store says so: --store cluster, or a --redis node that says
         * cluster_enabled:1), Lettuce's cluster client instead of RedisClient. A cluster "connection" is a
         * socket per master behind one object: each command goes to the master of its key's slot, and the
         * keys bucket/uuid spread over every slot. The loops below do not change; see connect() below.
         */
        boolean cluster = run.store().cluster() != null;
        AbstractRedisClient client = cluster
                ? clusterClient(run.target().endpoint().toString())
                : RedisClient.create(run.target().endpoint().toString());
        List<Integer> counts = connectionCounts(run.options().extra("connections"));
        List<StatefulConnection<String, byte[]>> more = new ArrayList<>();
        try (StatefulConnection<String, byte[]> shared = connect(client);
                StatefulConnection<String, byte[]> manual = connect(client)) {
            manual.setAutoFlushCommands(false);
            RedisStringAsyncCommands<String, byte[]> redis = async(shared);
            RedisStringAsyncCommands<String, byte[]> queued = async(manual);
            List<RedisStringAsyncCommands<String, byte[]>> dealt = new ArrayList<>(List.of(redis));
            for (int i = 1; i < counts.getLast(); i++) {
                more.add(connect(client));
                dealt.add(async(more.getLast()));
            }

            List<Phase> phases = new ArrayList<>(List.of(

                    /*
                     * The original's loop: start a batch of --concurrency commands, wait for the whole
                     * batch (asyncio.gather), start the next. While the batch drains, fewer and fewer
                     * commands are in flight, and the slowest reply holds up the next batch.
                     */
                    Phase.put(
                            Loop.BATCHES,
                            (objects, rec) -> batches(
                                    objects, inFlight, o -> rec.putAsync(o, () -> set(redis, bucket, o)), NO_FLUSH)),
                    Phase.get(
                            Loop.BATCHES,
                            (objects, rec) -> batches(
                                    objects, inFlight, o -> rec.getAsync(o, () -> get(redis, bucket, o)), NO_FLUSH)),

                    /*
                     * A sliding window instead: a permit per command in flight, taken before each call and
                     * given back when its reply is recorded. There are always --concurrency commands
                     * outstanding, never a drained batch waiting on its slowest reply.
                     */
                    Phase.put(
                            Loop.WINDOW,
                            (objects, rec) -> window(
                                    objects, inFlight, o -> rec.putAsync(o, () -> set(redis, bucket, o)), NO_FLUSH)),
                    Phase.get(
                            Loop.WINDOW,
                            (objects, rec) -> window(
                                    objects, inFlight, o -> rec.getAsync(o, () -> get(redis, bucket, o)), NO_FLUSH)),

                    /*
                     * By default Lettuce writes and flushes each command to the socket as it is issued:
                     * a system call per command. With auto-flush off, commands queue in the client until
                     * flushCommands() writes them at once: chapter 06's pipelining, async. The same two
                     * loops, on the manual-flush connection.
                     */
                    Phase.put(
                            Loop.BATCHES_MANUAL_FLUSH,
                            (objects, rec) -> batches(
                                    objects,
                                    inFlight,
                                    o -> rec.putAsync(o, () -> set(queued, bucket, o)),
                                    manual::flushCommands)),
                    Phase.get(
                            Loop.BATCHES_MANUAL_FLUSH,
                            (objects, rec) -> batches(
                                    objects,
                                    inFlight,
                                    o -> rec.getAsync(o, () -> get(queued, bucket, o)),
                                    manual::flushCommands)),
                    Phase.put(
                            Loop.WINDOW_MANUAL_FLUSH,
                            (objects, rec) -> window(
                                    objects,
                                    inFlight,
                                    o -> rec.putAsync(o, () -> set(queued, bucket, o)),
                                    manual::flushCommands)),
                    Phase.get(
                            Loop.WINDOW_MANUAL_FLUSH,
                            (objects, rec) -> window(
                                    objects,
                                    inFlight,
                                    o -> rec.getAsync(o, () -> get(queued, bucket, o)),
                                    manual::flushCommands)),

                    /* Each task: SET, and when it is acknowledged, GET the same key. Batches, as the original. */
                    Phase.putThenGet(
                            Loop.BATCHES,
                            (objects, rec) -> batches(
                                    objects,
                                    inFlight,
                                    o -> rec.putThenGetAsync(
                                            o, () -> set(redis, bucket, o), () -> get(redis, bucket, o)),
                                    NO_FLUSH))));

            /*
             * Does a second connection add throughput? With --connections 1,2,4 the same window deals its
             * commands over 2, then 4 connections in turn: the 1-connection case is the window above.
             */
            for (int n : counts.subList(1, counts.size())) {
                List<RedisStringAsyncCommands<String, byte[]>> over = dealt.subList(0, n);
                phases.add(Phase.put(
                        Loop.WINDOW_CONNECTIONS,
                        n,
                        (objects, rec) -> window(
                                objects,
                                inFlight,
                                inTurn(over, (c, o) -> rec.putAsync(o, () -> set(c, bucket, o))),
                                NO_FLUSH)));
                phases.add(Phase.get(
                        Loop.WINDOW_CONNECTIONS,
                        n,
                        (objects, rec) -> window(
                                objects,
                                inFlight,
                                inTurn(over, (c, o) -> rec.getAsync(o, () -> get(c, bucket, o))),
                                NO_FLUSH)));
            }
            return run.measure(
                    "Lettuce " + LettuceVersion.getVersion() + ", async, one shared "
                            + (cluster ? "cluster connection (a socket per master), " : "connection, ") + inFlight
                            + " commands in flight (and one connection with auto-flush off"
                            + (counts.size() > 1 ? "; windows over " + counts + " connections" : "") + ")",
                    phases);
        } finally {
            more.forEach(StatefulConnection::close);
            /* Closes the event loops and timers the client started; without it the JVM keeps their threads. */
            client.shutdown();
        }
    }

    /** "1,2,4" to [1, 2, 4]. */
    static List<Integer> connectionCounts(String option) {
        return java.util.Arrays.stream(option.split(",")).map(Integer::valueOf).toList();
    }

    /** Starts one command for one object on a given connection. */
    @FunctionalInterface
    interface OnConnection {
        CompletableFuture<Void> start(RedisStringAsyncCommands<String, byte[]> redis, TestObject object);
    }

    /** Each object's command on the next of {@code connections}, in turn. */
    static Command inTurn(List<RedisStringAsyncCommands<String, byte[]>> connections, OnConnection command) {
        int[] next = {0}; // the window starts every command from one thread
        return o -> command.start(connections.get(next[0]++ % connections.size()), o);
    }

    /*
     * The one place the two clients differ. A cluster connection's setAutoFlushCommands(false) holds the
     * commands for every master, and its flushCommands() writes each master's at once, so the manual-flush
     * phases are the same on a cluster. The cluster client reads the cluster's map again every few seconds
     * and whenever a node goes away or a command is redirected (MOVED), so a failover is followed.
     */
    static RedisClusterClient clusterClient(String seed) {
        RedisClusterClient client = RedisClusterClient.create(seed);
        client.setOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(5))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        return client;
    }

    static StatefulConnection<String, byte[]> connect(AbstractRedisClient client) {
        return client instanceof RedisClusterClient cluster
                ? cluster.connect(CODEC)
                : ((RedisClient) client).connect(CODEC);
    }

    /** SET and GET are on both connections' command interfaces: RedisStringAsyncCommands is what they share. */
    @SuppressWarnings("unchecked")
    static RedisStringAsyncCommands<String, byte[]> async(StatefulConnection<String, byte[]> connection) {
        return connection instanceof StatefulRedisClusterConnection<?, ?> cluster
                ? ((StatefulRedisClusterConnection<String, byte[]>) cluster).async()
                : ((StatefulRedisConnection<String, byte[]>) connection).async();
    }

    /** Starts one command for one object; the future completes, never exceptionally, once it is recorded. */
    @FunctionalInterface
    interface Command {
        CompletableFuture<Void> start(TestObject object);
    }

    /** The connection with auto-flush on writes each command as it is issued: nothing to flush. */
    static final Runnable NO_FLUSH = () -> {};

    /** Batches of {@code size}: start them all, flush (on a manual-flush connection), wait for every reply, repeat. */
    // tag::batches[]
    static void batches(List<TestObject> objects, int size, Command command, Runnable flush) {
        List<CompletableFuture<Void>> batch = new ArrayList<>(size);
        for (TestObject o : objects) {
            batch.add(command.start(o));
            if (batch.size() == size) {
                flush.run();
                Recorder.awaitAll(batch);
                batch.clear();
            }
        }
        flush.run();
        Recorder.awaitAll(batch);
    }
    // end::batches[]

    /*
     * A window of {@code size} in flight. On a manual-flush connection the commands are written in bursts:
     * a flush every quarter window, and whenever the window is full, so the socket sees few large writes
     * and the server never waits for a drained batch.
     */
    // tag::window[]
    static void window(List<TestObject> objects, int size, Command command, Runnable flush)
            throws InterruptedException {
        Semaphore window = new Semaphore(size);
        int flushEvery = Math.max(1, size / 4);
        int unflushed = 0;
        for (TestObject o : objects) {
            if (!window.tryAcquire()) {
                flush.run();
                unflushed = 0;
                window.acquire();
            }
            command.start(o).whenComplete((ignored, never) -> window.release());
            if (++unflushed == flushEvery) {
                flush.run();
                unflushed = 0;
            }
        }
        flush.run();
        window.acquire(size); // the last commands have been answered
    }
    // end::window[]

    /** SET, failing unless Redis answers OK. */
    static CompletableFuture<String> set(RedisStringAsyncCommands<String, byte[]> redis, String bucket, TestObject o) {
        return redis.set(bucket + "/" + o.key(), o.data()).toCompletableFuture().thenApply(reply -> {
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("SET replied " + reply + ", not OK");
            }
            return reply;
        });
    }

    static CompletableFuture<byte[]> get(RedisStringAsyncCommands<String, byte[]> redis, String bucket, TestObject o) {
        return redis.get(bucket + "/" + o.key()).toCompletableFuture();
    }

    private AsyncRedisPutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 07-async-redis exec:java
 *   ./mvnw -q -pl 07-async-redis exec:java -Dexec.args="--iterations 20000 --concurrency 50"
 *   ./mvnw -q -pl 07-async-redis exec:java -Dexec.args="--iterations 20000 --connections 1,2,4"
 *   ./mvnw -q -pl 07-async-redis exec:java -Dexec.args="--store cluster --iterations 5000 --concurrency 100 --rounds 1"
 *
 * WHAT YOU SHOULD SEE
 *
 *   Every phase well above chapter 06's one-at-a-time rates (about 100,000 commands a second on 2
 *   cores), all on one connection, p50 a few milliseconds (200 commands queue behind each other). The
 *   four forms land close together; manual flushing helps GETs most. docs/07-async-redis.md has a
 *   measured run, beside redis-benchmark's figures for the same server. On --store cluster the
 *   store line says "embedded Redis Cluster ..., 3 masters", and the results JSON's store.cluster how many
 *   keys each master held: about a third each. With --connections 1,2,4, two more window phases per
 *   count, "put_object (window, 2 connections)" and so on, beside the one-connection window above.
 */
