package objectstore.blockingredis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.util.LibraryVersion;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/** Chapter 06: blocking Redis SET and GET with Jedis, one command at a time, then pipelined. */
public final class BlockingRedisPutGet {

    /*
     * Chapter 01's loop again, with Redis in place of S3: send one command, wait for its reply, send the
     * next. Nothing about the loop changes; what changes is the cost of one round trip. A SET is a few
     * dozen bytes of RESP framing around the value, parsed by a single-threaded server that keeps
     * everything in memory: no HTTP headers, no signature to compute and check, no file to write.
     *
     * The original used 100,000 objects of 5,000 bytes, one at a time; so do we by default.
     */

    /*
     * Pipelining, the chapter's second half, is a variant you ask for: --pipeline 100 sends batches of
     * 100 commands before reading any reply. 100 commands of 5,000 bytes is about 500 KB a batch: enough
     * that one round trip is shared by a hundred replies, small enough that neither side buffers much
     * (Redis holds every reply of a batch in memory until the client reads it). It is off by default
     * because it is no longer the blocking one-command-at-a-time client the chapter is about: it is
     * concurrency by batching, chapter 07's subject. docs/06-blocking-redis.md measures both.
     */
    public static final Chapter CHAPTER = new Chapter(
            "06-blocking-redis",
            BlockingRedisPutGet.class,
            StoreKind.REDIS_KEYS,
            new Defaults(100_000, 5_000, 1),
            List.of(new Options.Extra(
                    "pipeline",
                    List.of("off", "10", "100", "1000"),
                    "also measure pipelined SETs and GETs, in batches of this many commands")),
            BlockingRedisPutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        String bucket = run.bucket();
        String pipeline = run.options().extra("pipeline");

        /*
         * Jedis 7.2 added RedisClient, and 7.x deprecates the classes it replaces: JedisPooled (a pooled
         * client with the commands on it) and JedisPool (a pool you borrow a Jedis from). RedisClient is
         * the one Jedis now points to for a standalone server. Like JedisPooled, it is thread-safe: each
         * command borrows a connection from a small pool and returns it, so a single thread uses one
         * connection. The URI carries the password; Jedis sends AUTH when it connects.
         *
         * On a Redis Cluster (the run's store says so) the client is RedisClusterClient instead, Jedis 7's
         * cluster client (JedisCluster is its deprecated predecessor): a pool per master, each command sent
         * to the master of its key's slot. Both are UnifiedJedis, with the same set and get; the loops do
         * not change. See clusterClient below.
         */
        try (UnifiedJedis redis = run.store().cluster() == null
                ? RedisClient.create(run.target().endpoint())
                : clusterClient(run.target().endpoint())) {
            List<Phase> phases = new ArrayList<>(List.of(

                    /*
                     * The loop that matters: one SET, wait for "OK", the next SET. Keys are bucket/uuid,
                     * values the object's bytes as they are: Redis strings are binary-safe.
                     */
                    // tag::put-loop[]
                    Phase.put(Loop.OWN, (objects, rec) -> {
                        for (TestObject o : objects) {
                            rec.put(o, () -> ok(redis.set(key(bucket, o), o.data())));
                        }
                    }),
                    // end::put-loop[]

                    Phase.get(Loop.OWN, (objects, rec) -> {
                        for (TestObject o : objects) {
                            rec.get(o, () -> redis.get(key(bucket, o)));
                        }
                    }),

                    /* A SET, then the GET of the same key: two round trips per item. */
                    Phase.putThenGet(Loop.OWN, (objects, rec) -> {
                        for (TestObject o : objects) {
                            rec.putThenGet(
                                    o, () -> ok(redis.set(key(bucket, o), o.data())), () -> redis.get(key(bucket, o)));
                        }
                    })));

            if (!pipeline.equals("off")) {
                /*
                 * Still one thread, still blocking, but a batch of commands per round trip instead of
                 * one. See pipelined(...) below for how each object is still recorded on its own.
                 */
                int batch = Integer.parseInt(pipeline);
                phases.add(Phase.put(
                        Loop.PIPELINED,
                        (objects, rec) -> pipelined(redis, objects, batch, (p, o) -> {
                            Response<String> reply = p.set(key(bucket, o), o.data());
                            return sent -> rec.put(o, sent, () -> ok(reply.get()));
                        })));
                phases.add(Phase.get(
                        Loop.PIPELINED,
                        (objects, rec) -> pipelined(redis, objects, batch, (p, o) -> {
                            Response<byte[]> reply = p.get(key(bucket, o));
                            return sent -> rec.get(o, sent, reply::get);
                        })));
            }
            return run.measure(
                    "Jedis " + LibraryVersion.of(RedisClient.class, "redis.clients", "jedis")
                            + (redis instanceof RedisClusterClient
                                    ? " RedisClusterClient (a pool per master"
                                    : " RedisClient (pooled connections")
                            + ", one in use at a time)"
                            + (pipeline.equals("off") ? "" : "; pipelines of " + pipeline + " commands"),
                    phases);
        }
    }

    /*
     * A pipeline in batches: queue a batch's commands, send them all and read every reply in one round
     * trip (sync), then record each object with its own reply, timed from the moment its batch started:
     * its latency is the whole batch's round trip, not its own. Compare p50 with the one-at-a-time phases
     * with that in mind. queue adds one object's command and returns what records its reply.
     */
    // tag::pipelined[]
    static void pipelined(
            UnifiedJedis redis,
            List<TestObject> objects,
            int batch,
            BiFunction<AbstractPipeline, TestObject, LongConsumer> queue) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int from = 0; from < objects.size(); from += batch) {
                long sent = System.nanoTime();
                List<LongConsumer> replies = new ArrayList<>(batch);
                for (TestObject o : objects.subList(from, Math.min(objects.size(), from + batch))) {
                    replies.add(queue.apply(pipeline, o));
                }
                pipeline.sync();
                replies.forEach(reply -> reply.accept(sent));
            }
        }
    }
    // end::pipelined[]

    /*
     * The cluster client starts from the one node the run names (the seed) and learns the others from
     * it. A command that finds its master gone (a failover) is tried again, up to 5 attempts, after the
     * client has read the cluster's map again; a cluster pipeline (ClusterPipeline) splits each batch by
     * master and syncs every master's share.
     */
    static RedisClusterClient clusterClient(URI seed) {
        return RedisClusterClient.builder()
                .nodes(Set.of(JedisURIHelper.getHostAndPort(seed)))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user(JedisURIHelper.getUser(seed))
                        .password(JedisURIHelper.getPassword(seed))
                        .build())
                .maxAttempts(5)
                .build();
    }

    /** The object's key, {@code bucket/uuid}, as the bytes Jedis sends. */
    static byte[] key(String bucket, TestObject o) {
        return (bucket + "/" + o.key()).getBytes(UTF_8);
    }

    /** SET answers "OK"; anything else is a failed put, not a fast one. */
    static String ok(String reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("SET replied " + reply + ", not OK");
        }
        return reply;
    }

    private BlockingRedisPutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 06-blocking-redis exec:java
 *   ./mvnw -q -pl 06-blocking-redis exec:java -Dexec.args="--iterations 20000 --pipeline 100"
 *   ./mvnw -q -pl 06-blocking-redis exec:java -Dexec.args="--store cluster --iterations 20000 --pipeline 100"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The Redis it ran on (--redis or REDIS_URL, else one on 6379, else an embedded redis-server), a
 *   warm-up, three rounds, and a summary. On a 2-core machine with the embedded redis-server expect
 *   10,000-40,000 SETs and GETs a second one at a time (the loopback round trip; more on a busy machine
 *   than an idle one, see the chapter). With --pipeline, the pipelined GETs many times faster; the
 *   pipelined SETs gain much less, since each moves 5,000 bytes into a server that shares the same
 *   cores. "cpu" counts this JVM only, not redis-server.
 *   docs/06-blocking-redis.md has a measured run.
 */
