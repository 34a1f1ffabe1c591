package objectstore.literedis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.EmbeddedRedisCluster;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.RedisServerBinary;
import objectstore.redis.RedisObjectStore;
import objectstore.util.Causes;

/**
 * One run of {@link ClusterFailover} on a cluster of its own: PUTs in flight, a master killed, its replica promoted,
 * every acknowledged PUT read back; its part of the record.
 */
final class FailoverRun {

    /** The run is counted in tenths of a second. */
    private static final int BUCKETS_PER_SECOND = 10;

    private final ClusterFailover.Settings settings;
    private final int slots;
    private final AtomicLongArray acknowledged;
    private final AtomicLongArray failed;
    private final ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile double promotedAt = -1;

    private FailoverRun(ClusterFailover.Settings settings) {
        this.settings = settings;
        this.slots = settings.seconds() * BUCKETS_PER_SECOND + 1;
        this.acknowledged = new AtomicLongArray(slots);
        this.failed = new AtomicLongArray(slots);
    }

    /*
     * A window of --concurrency PUTs of new keys for --seconds; at --kill-at the second master's
     * redis-server gets SIGKILL; --restart-after seconds after its replica took over it starts again,
     * empty, and rejoins as a replica of the node that replaced it (which a wait=1 run needs: a master
     * with no replica can acknowledge nothing). Every PUT is counted in the tenth of a second it completed
     * in, as acknowledged or failed. Then every acknowledged key is read back and compared byte for byte.
     */
    static Map<String, Object> measure(
            ClusterFailover.Settings settings,
            RedisServerBinary binary,
            int wait,
            PrintStream out,
            Map<String, Object> record) {
        FailoverRun run = new FailoverRun(settings);
        try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(
                        ModuleDir.resolve("target/embedded-stores"), binary, 3, 1, settings.nodeTimeout());
                ExpectedReconnects reconnects = new ExpectedReconnects();
                RedisObjectStore store = RedisObjectStore.open(
                        URI.create(cluster.uri() + (wait > 0 ? "?wait=" + wait : "")),
                        Duration.ofSeconds(5),
                        settings.concurrency())) {
            record.putIfAbsent(
                    "store",
                    cluster.product() + " (" + binary.label() + "), cluster-node-timeout "
                            + settings.nodeTimeout().toMillis() + " ms");
            out.printf(
                    "%s: %s; %d PUTs of %,d bytes in flight for %d s; SIGKILL to a master at %.1f s,"
                            + " restarted %.1f s after its replica took over%n",
                    wait == 0 ? "plain" : "wait=" + wait,
                    cluster.product(),
                    settings.concurrency(),
                    settings.size(),
                    settings.seconds(),
                    settings.killAtSecond(),
                    settings.restartAfterSeconds());
            String bucket = "failover";
            store.createBucket(bucket).join();

            long start = System.nanoTime();
            Thread chaos = Thread.ofPlatform()
                    .name("failover")
                    .start(() -> run.killPromoteRestart(cluster, reconnects, start));
            run.putUntilTheEnd(store, bucket, start);
            chaos.join();
            ReadBack readBack = run.readBack(store, bucket);
            reconnects.close();

            Map<String, Object> result = run.summarize(wait, readBack);
            out.println("  " + reconnects.summary());
            out.printf("  %s%n", result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A window of PUTs of new keys until --seconds have passed, each counted when it completes. */
    private void putUntilTheEnd(RedisObjectStore store, String bucket, long start) throws InterruptedException {
        Semaphore window = new Semaphore(settings.concurrency());
        long end = start + settings.seconds() * 1_000_000_000L;
        int next = 0;
        while (System.nanoTime() < end) {
            if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int seq = next++;
            store.putObject(bucket, key(seq), data(seq, settings.size())).whenComplete((eTag, failure) -> {
                int slot =
                        (int) Math.min(slots - 1, (System.nanoTime() - start) / (1_000_000_000L / BUCKETS_PER_SECOND));
                if (failure == null) {
                    acknowledged.incrementAndGet(slot);
                    acked.add(seq);
                } else {
                    failed.incrementAndGet(slot);
                    if (failures.size() < 3) {
                        failures.add(Causes.describe(Causes.root(failure)));
                    }
                }
                window.release();
            });
        }
        window.acquireUninterruptibly(settings.concurrency());
        window.release(settings.concurrency());
    }

    /*
     * At --kill-at, SIGKILL to the second master's redis-server. Then wait until its replica says
     * role:master (the other masters have agreed it failed and elected it), and --restart-after seconds
     * later start the killed node again: empty (no persistence), it learns from the others that its slots
     * have moved and becomes the new master's replica. Restarting it before the promotion would bring back
     * an empty master that still owns the slots: that is a different experiment (losing everything), not a
     * failover. From the kill on, Lettuce's warnings about the killed node are expected: held back, counted.
     */
    private void killPromoteRestart(EmbeddedRedisCluster cluster, ExpectedReconnects reconnects, long start) {
        EmbeddedRedis victim = cluster.masters().get(1);
        EmbeddedRedis heir = cluster.replicas().get(1);
        RedisClient client = RedisClient.create(heir.uri().toString());
        try (StatefulRedisConnection<String, String> toHeir = client.connect()) {
            sleepUntil(start + (long) (settings.killAtSecond() * 1e9));
            reconnects.hold();
            ProcessHandle.of(victim.serverPid()).ifPresent(ProcessHandle::destroyForcibly);
            long giveUp = start + settings.seconds() * 1_000_000_000L + 30_000_000_000L;
            while (!isMaster(toHeir)) {
                if (System.nanoTime() > giveUp) {
                    return;
                }
                Thread.sleep(50);
            }
            promotedAt = (System.nanoTime() - start) / 1e9;
            Thread.sleep((long) (settings.restartAfterSeconds() * 1000));
            victim.restart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static boolean isMaster(StatefulRedisConnection<String, String> node) {
        try {
            return node.sync().info("replication").contains("role:master");
        } catch (RuntimeException notNow) {
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** How many acknowledged PUTs were missing or different when read back, and the first 5 of their keys. */
    private record ReadBack(long lost, List<String> lostKeys) {}

    /** Reads back every acknowledged PUT, 1,000 at a time, and compares it byte for byte. */
    private ReadBack readBack(RedisObjectStore store, String bucket) {
        List<Integer> ackedKeys = new ArrayList<>(acked);
        List<String> lostKeys = new ArrayList<>();
        long lost = 0;
        for (int from = 0; from < ackedKeys.size(); from += 1000) {
            List<Integer> batch = ackedKeys.subList(from, Math.min(ackedKeys.size(), from + 1000));
            List<CompletableFuture<Boolean>> reads = new ArrayList<>();
            for (int seq : batch) {
                reads.add(store.getObject(bucket, key(seq))
                        .handle((bytes, failure) ->
                                failure == null && Arrays.equals(bytes, data(seq, settings.size()))));
            }
            for (int i = 0; i < reads.size(); i++) {
                if (!reads.get(i).join()) {
                    lost++;
                    if (lostKeys.size() < 5) {
                        lostKeys.add(key(batch.get(i)));
                    }
                }
            }
        }
        return new ReadBack(lost, lostKeys);
    }

    private Map<String, Object> summarize(int wait, ReadBack readBack) {
        int killSlot = (int) (settings.killAtSecond() * BUCKETS_PER_SECOND);
        long acks = 0;
        long fails = 0;
        int firstFailure = -1;
        int lastFailure = -1;
        for (int i = 0; i < slots; i++) {
            acks += acknowledged.get(i);
            fails += failed.get(i);
            if (failed.get(i) > 0) {
                firstFailure = firstFailure < 0 ? i : firstFailure;
                lastFailure = i;
            }
        }
        // The rate before the kill leaves out the first second (connections, JIT); after, it starts a second past the
        // last failure.
        double before = rate(BUCKETS_PER_SECOND, killSlot);
        int recovered = Math.max(killSlot, lastFailure + 1);
        double after = rate(Math.min(recovered + BUCKETS_PER_SECOND, slots - 1), slots - 1);
        List<Long> perSecond = new ArrayList<>();
        for (int s = 0; s < settings.seconds(); s++) {
            long sum = 0;
            for (int i = s * BUCKETS_PER_SECOND; i < (s + 1) * BUCKETS_PER_SECOND; i++) {
                sum += acknowledged.get(i);
            }
            perSecond.add(sum);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("wait", wait);
        result.put("putsAcknowledged", acks);
        result.put("putsFailed", fails);
        result.put("acknowledgedLost", readBack.lost());
        result.put("putsPerSecondBeforeKill", Math.round(before * 10) / 10.0);
        result.put("putsPerSecondAfterRecovery", Math.round(after * 10) / 10.0);
        result.put("failuresFromSecond", firstFailure < 0 ? null : (double) firstFailure / BUCKETS_PER_SECOND);
        result.put("failuresUntilSecond", lastFailure < 0 ? null : (double) (lastFailure + 1) / BUCKETS_PER_SECOND);
        result.put("acknowledgedPerSecond", perSecond);
        result.put("replicaPromotedAtSecond", promotedAt < 0 ? null : Math.round(promotedAt * 10) / 10.0);
        result.put("lostKeys", readBack.lostKeys());
        result.put("firstFailures", new ArrayList<>(failures));
        return result;
    }

    /** Acknowledged PUTs per second from tenth {@code from} to tenth {@code to}. */
    private double rate(int from, int to) {
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += acknowledged.get(i);
        }
        return sum * (double) BUCKETS_PER_SECOND / (to - from);
    }

    private static String key(int seq) {
        return "k/" + seq;
    }

    /** The bytes of PUT number {@code seq}: its number in the first four bytes, then a pattern that depends on it. */
    private static byte[] data(int seq, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (seq * 31 + i);
        }
        for (int i = 0; i < Math.min(4, size); i++) {
            data[i] = (byte) (seq >>> (8 * i));
        }
        return data;
    }
}
