package objectstore.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.EmbeddedRedisCluster;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.RedisServerBinary;
import objectstore.redis.RedisObjectStore;
import objectstore.store.UserError;
import objectstore.util.Causes;

/**
 * What a Redis Cluster failover costs the facade's PUTs: a master killed with SIGKILL while PUTs run, its replica
 * promoted, and then every acknowledged PUT read back. Done twice on a fresh cluster each time: PUTs acknowledged when
 * their master has them (plain), and when a replica has them too ({@code ?wait=1}: WAIT 1 after each PUT). Prints a
 * summary and writes a JSON record.
 *
 * <p>{@code ./mvnw -q -pl common exec:java -Dexec.mainClass=objectstore.tools.ClusterFailover -Dexec.args="--seconds
 * 20"}
 */
public final class ClusterFailover {

    /**
     * What one measurement does: how long, when the kill comes, how long after the replica's promotion the killed node
     * is started again, how many PUTs in flight, how big, the cluster's node timeout, and which redis-server (null:
     * {@code REDIS_SERVER}, else the bundled one).
     */
    public record Settings(
            int seconds,
            double killAtSecond,
            double restartAfterSeconds,
            int concurrency,
            int size,
            Duration nodeTimeout,
            String redisServer) {

        public static Settings defaults() {
            return new Settings(20, 6, 3, 64, 5_000, Duration.ofSeconds(1), null);
        }
    }

    private static final int BUCKETS_PER_SECOND = 10;

    private ClusterFailover() {}

    public static void main(String[] args) throws Exception {
        Settings settings;
        Path json = ModuleDir.resolve("target/results/cluster-failover.json");
        try {
            Settings d = Settings.defaults();
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new UserError("unexpected argument " + args[i]);
                }
                given.put(args[i].substring(2), args[i + 1]);
            }
            if (args.length % 2 != 0) {
                throw new UserError(
                        "options are --name value pairs: --seconds --kill-at --restart-after --concurrency --size --node-timeout-ms --redis-server --json");
            }
            settings = new Settings(
                    Integer.parseInt(given.getOrDefault("seconds", "" + d.seconds())),
                    Double.parseDouble(given.getOrDefault("kill-at", "" + d.killAtSecond())),
                    Double.parseDouble(given.getOrDefault("restart-after", "" + d.restartAfterSeconds())),
                    Integer.parseInt(given.getOrDefault("concurrency", "" + d.concurrency())),
                    Integer.parseInt(given.getOrDefault("size", "" + d.size())),
                    Duration.ofMillis(Long.parseLong(given.getOrDefault(
                            "node-timeout-ms", "" + d.nodeTimeout().toMillis()))),
                    given.get("redis-server"));
            if (given.containsKey("json")) {
                json = Path.of(given.get("json"));
            }
            if (settings.killAtSecond() >= settings.seconds()) {
                throw new UserError("--kill-at must come before the end (--seconds)");
            }
        } catch (NumberFormatException | UserError e) {
            System.err.println("cluster-failover: " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> record = measure(settings, System.out);
        write(record, json);
        System.out.println("results JSON: " + json.toAbsolutePath().normalize());
        System.exit(0);
    }

    /**
     * Both runs, plain and with WAIT 1, each on a cluster of its own; the record as a map, in the order it is written.
     */
    public static Map<String, Object> measure(Settings settings, java.io.PrintStream out) {
        RedisServerBinary binary = settings.redisServer() != null
                ? RedisServerBinary.choose(settings.redisServer())
                : RedisServerBinary.fromEnvironment(System.getenv());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("experiment", "cluster-failover");
        record.put(
                "date",
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("seconds", settings.seconds());
        given.put("killAtSecond", settings.killAtSecond());
        given.put("restartAfterSeconds", settings.restartAfterSeconds());
        given.put("concurrency", settings.concurrency());
        given.put("size", settings.size());
        given.put("nodeTimeoutMs", settings.nodeTimeout().toMillis());
        given.put("waitTimeoutMs", RedisObjectStore.WAIT_TIMEOUT.toMillis());
        record.put("settings", given);
        record.put(
                "machine",
                Map.of(
                        "cores",
                        Runtime.getRuntime().availableProcessors(),
                        "jvm",
                        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int wait : new int[] {0, 1}) {
            runs.add(run(settings, binary, wait, out, record));
        }
        record.put("runs", runs);
        double plain = (double) runs.get(0).get("putsPerSecondBeforeKill");
        double waited = (double) runs.get(1).get("putsPerSecondBeforeKill");
        record.put("waitCostRatio", plain > 0 && waited > 0 ? Math.round(100 * plain / waited) / 100.0 : null);
        out.printf(
                "WAIT 1 after each PUT: %,.0f PUTs/s against %,.0f without (%.2fx); acknowledged PUTs lost: %s without, %s with%n",
                waited,
                plain,
                plain / Math.max(1, waited),
                runs.get(0).get("acknowledgedLost"),
                runs.get(1).get("acknowledgedLost"));
        return record;
    }

    /*
     * One run. A window of --concurrency PUTs of new keys for --seconds; at --kill-at the second master's
     * redis-server gets SIGKILL; --restart-after seconds after its replica took over it starts again,
     * empty, and rejoins as a replica of the node that replaced it (which a wait=1 run needs: a master
     * with no replica can acknowledge nothing). Every PUT is counted in the tenth of a second it completed in, as acknowledged
     * or failed. Then every acknowledged key is read back and compared byte for byte.
     */
    private static Map<String, Object> run(
            Settings settings,
            RedisServerBinary binary,
            int wait,
            java.io.PrintStream out,
            Map<String, Object> record) {
        try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(
                        ModuleDir.resolve("target/embedded-stores"), binary, 3, 1, settings.nodeTimeout());
                RedisObjectStore store = RedisObjectStore.open(
                        URI.create(cluster.uri() + (wait > 0 ? "?wait=" + wait : "")),
                        Duration.ofSeconds(5),
                        settings.concurrency())) {
            record.putIfAbsent(
                    "store",
                    cluster.product() + " (" + binary.label() + "), cluster-node-timeout "
                            + settings.nodeTimeout().toMillis() + " ms");
            String bucket = "failover";
            store.createBucket(bucket).join();
            out.printf(
                    "%s: %s; %d PUTs of %,d bytes in flight for %d s; SIGKILL to a master at %.1f s, restarted %.1f s after its replica took over%n",
                    wait == 0 ? "plain" : "wait=" + wait,
                    cluster.product(),
                    settings.concurrency(),
                    settings.size(),
                    settings.seconds(),
                    settings.killAtSecond(),
                    settings.restartAfterSeconds());

            int slots = settings.seconds() * BUCKETS_PER_SECOND + 1;
            AtomicLongArray acknowledged = new AtomicLongArray(slots);
            AtomicLongArray failed = new AtomicLongArray(slots);
            ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Semaphore window = new Semaphore(settings.concurrency());
            EmbeddedRedis victim = cluster.masters().get(1);
            EmbeddedRedis heir = cluster.replicas().get(1);
            long start = System.nanoTime();
            long end = start + settings.seconds() * 1_000_000_000L;
            double[] promotedAt = {-1};
            Thread chaos = Thread.ofPlatform()
                    .name("failover")
                    .start(() -> killPromoteRestart(settings, cluster, victim, heir, start, promotedAt));
            int next = 0;
            while (System.nanoTime() < end) {
                if (!window.tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int seq = next++;
                store.putObject(bucket, key(seq), data(seq, settings.size())).whenComplete((eTag, failure) -> {
                    int slot = (int)
                            Math.min(slots - 1, (System.nanoTime() - start) / (1_000_000_000L / BUCKETS_PER_SECOND));
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
            chaos.join();

            // Read back every acknowledged PUT once the cluster is whole again.
            long lost = 0;
            List<Integer> ackedKeys = new ArrayList<>(acked);
            List<String> lostKeys = new ArrayList<>();
            for (int from = 0; from < ackedKeys.size(); from += 1000) {
                List<CompletableFuture<Boolean>> reads = new ArrayList<>();
                for (int seq : ackedKeys.subList(from, Math.min(ackedKeys.size(), from + 1000))) {
                    reads.add(readBack(store, bucket, seq, settings.size()));
                }
                for (int i = 0; i < reads.size(); i++) {
                    if (!reads.get(i).join()) {
                        lost++;
                        if (lostKeys.size() < 5) {
                            lostKeys.add(key(ackedKeys.get(from + i)));
                        }
                    }
                }
            }

            Map<String, Object> result = summarize(settings, wait, acknowledged, failed, lost);
            result.put("replicaPromotedAtSecond", promotedAt[0] < 0 ? null : Math.round(promotedAt[0] * 10) / 10.0);
            result.put("lostKeys", lostKeys);
            result.put("firstFailures", new ArrayList<>(failures));
            out.printf("  %s%n", result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /*
     * At --kill-at, SIGKILL to the master's redis-server. Then wait until its replica says role:master
     * (the other masters have agreed it failed and elected it), and --restart-after seconds later start
     * the killed node again: empty (no persistence), it learns from the others that its slots have moved
     * and becomes the new master's replica. Restarting it before the promotion would bring back an empty
     * master that still owns the slots: that is a different experiment (losing everything), not a failover.
     */
    private static void killPromoteRestart(
            Settings settings,
            EmbeddedRedisCluster cluster,
            EmbeddedRedis victim,
            EmbeddedRedis heir,
            long start,
            double[] promotedAt) {
        try {
            sleepUntil(start + (long) (settings.killAtSecond() * 1e9));
            ProcessHandle.of(victim.serverPid()).ifPresent(ProcessHandle::destroyForcibly);
            long giveUp = start + settings.seconds() * 1_000_000_000L + 30_000_000_000L;
            while (!isMaster(cluster, heir)) {
                if (System.nanoTime() > giveUp) {
                    return;
                }
                Thread.sleep(50);
            }
            promotedAt[0] = (System.nanoTime() - start) / 1e9;
            Thread.sleep((long) (settings.restartAfterSeconds() * 1000));
            victim.restart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isMaster(EmbeddedRedisCluster cluster, EmbeddedRedis node) {
        io.lettuce.core.RedisClient client =
                io.lettuce.core.RedisClient.create(node.uri().toString());
        try (var connection = client.connect()) {
            return connection.sync().info("replication").contains("role:master");
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /**
     * Reads one key back: true when its bytes are the bytes PUT; false when it is missing or different (a lost PUT).
     */
    private static CompletableFuture<Boolean> readBack(RedisObjectStore store, String bucket, int seq, int size) {
        return store.getObject(bucket, key(seq))
                .handle((bytes, failure) -> failure == null && Arrays.equals(bytes, data(seq, size)));
    }

    private static Map<String, Object> summarize(
            Settings settings, int wait, AtomicLongArray acknowledged, AtomicLongArray failed, long lost) {
        int killSlot = (int) (settings.killAtSecond() * BUCKETS_PER_SECOND);
        long acks = 0;
        long fails = 0;
        int firstFailure = -1;
        int lastFailure = -1;
        for (int i = 0; i < acknowledged.length(); i++) {
            acks += acknowledged.get(i);
            fails += failed.get(i);
            if (failed.get(i) > 0) {
                firstFailure = firstFailure < 0 ? i : firstFailure;
                lastFailure = i;
            }
        }
        // The rate before the kill leaves out the first second (connections, JIT); after, it starts a second past the
        // last failure.
        double before = rate(acknowledged, BUCKETS_PER_SECOND, killSlot);
        int recovered = Math.max(killSlot, lastFailure + 1);
        double after = rate(
                acknowledged,
                Math.min(recovered + BUCKETS_PER_SECOND, acknowledged.length() - 1),
                acknowledged.length() - 1);
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
        result.put("acknowledgedLost", lost);
        result.put("putsPerSecondBeforeKill", Math.round(before * 10) / 10.0);
        result.put("putsPerSecondAfterRecovery", Math.round(after * 10) / 10.0);
        result.put("failuresFromSecond", firstFailure < 0 ? null : (double) firstFailure / BUCKETS_PER_SECOND);
        result.put("failuresUntilSecond", lastFailure < 0 ? null : (double) (lastFailure + 1) / BUCKETS_PER_SECOND);
        result.put("acknowledgedPerSecond", perSecond);
        return result;
    }

    private static double rate(AtomicLongArray counts, int from, int to) {
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += counts.get(i);
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

    static void write(Map<String, Object> record, Path json) {
        try {
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), record);
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + json + ": " + e.getMessage(), e);
        }
    }
}
