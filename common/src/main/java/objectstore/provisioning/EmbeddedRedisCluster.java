package objectstore.provisioning;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Redis Cluster on loopback: {@code masters} redis-servers with {@code cluster-enabled yes}, each with
 * {@code replicasPerMaster} replicas, all one binary (the one {@code --redis-server} chooses), one random password
 * ({@code requirepass}, and {@code masterauth} for the replicas), no persistence. Formed with plain commands, no
 * redis-cli: every master adds its share of the 16,384 slots (CLUSTER ADDSLOTS, which Redis 6.2 and 7 both have), the
 * first node meets the others (CLUSTER MEET), each replica follows its master (CLUSTER REPLICATE), and the run starts
 * only when every node says {@code cluster_state:ok} and every node sees the same masters with the same slots. Closing
 * stops every node and removes every file.
 */
public final class EmbeddedRedisCluster implements AutoCloseable, LocalServer {

    /** The slots of a Redis Cluster. */
    public static final int SLOTS = 16_384;

    /** How long a node may be unreachable before the others call it failed and its replica takes over. */
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration FORMING = Duration.ofSeconds(60);

    private final Path workDir;
    private final RedisServerBinary binary;
    private final String password;
    private final List<EmbeddedRedis> masters;
    private final List<EmbeddedRedis> replicas;

    private EmbeddedRedisCluster(
            Path workDir,
            RedisServerBinary binary,
            String password,
            List<EmbeddedRedis> masters,
            List<EmbeddedRedis> replicas) {
        this.workDir = workDir;
        this.binary = binary;
        this.password = password;
        this.masters = masters;
        this.replicas = replicas;
    }

    /** Three masters, no replicas: what {@code --store cluster} starts. */
    public static EmbeddedRedisCluster start(Path parent, RedisServerBinary binary) {
        return start(parent, binary, 3, 0, DEFAULT_NODE_TIMEOUT);
    }

    /** Starts and forms a cluster of {@code masters} masters with {@code replicasPerMaster} replicas each. */
    public static EmbeddedRedisCluster start(
            Path parent, RedisServerBinary binary, int masters, int replicasPerMaster, Duration nodeTimeout) {
        if (masters < 1 || replicasPerMaster < 0) {
            throw new IllegalArgumentException(
                    "a cluster needs a master or more and no negative count of replicas, not " + masters + " and "
                            + replicasPerMaster);
        }
        Path workDir = EmbeddedS3Proxy.createWorkDir(parent);
        String password = EmbeddedS3Proxy.randomHex(16);
        List<String> clusterConfig = List.of(
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout " + nodeTimeout.toMillis(),
                // A replica takes over however long ago it last heard from its master: this cluster is for measuring,
                // not for keeping data.
                "cluster-replica-validity-factor 0",
                "masterauth " + password,
                // A replica's first sync goes over the socket at once, with no RDB file written and no delay waiting
                // for more replicas.
                "repl-diskless-sync yes",
                "repl-diskless-sync-delay 0");
        List<EmbeddedRedis> masterNodes = new ArrayList<>();
        List<EmbeddedRedis> replicaNodes = new ArrayList<>();
        EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(workDir, binary, password, masterNodes, replicaNodes);
        try {
            // 1. Start every node: a free port whose cluster bus port (port + 10000) is free too.
            for (int i = 0; i < masters; i++) {
                masterNodes.add(EmbeddedRedis.start(workDir, binary, clusterPort(), password, clusterConfig));
            }
            for (int i = 0; i < masters * replicasPerMaster; i++) {
                replicaNodes.add(EmbeddedRedis.start(workDir, binary, clusterPort(), password, clusterConfig));
            }
            cluster.form(replicasPerMaster);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void form(int replicasPerMaster) {
        RedisClient client = RedisClient.create();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try {
            Function<EmbeddedRedis, RedisCommands<String, String>> connect = node -> {
                StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
                        .withHost("127.0.0.1")
                        .withPort(node.port())
                        .withPassword(password.toCharArray())
                        .withTimeout(Duration.ofSeconds(10))
                        .build());
                connections.add(connection);
                return connection.sync();
            };
            List<RedisCommands<String, String>> master =
                    masters.stream().map(connect).toList();
            List<RedisCommands<String, String>> replica =
                    replicas.stream().map(connect).toList();
            List<RedisCommands<String, String>> all =
                    Stream.concat(master.stream(), replica.stream()).toList();

            // 2. Each master takes an equal share of the slots, in batches (one command per 1,000 slots).
            for (int m = 0; m < masters.size(); m++) {
                int first = m * SLOTS / masters.size();
                int last = (m + 1) * SLOTS / masters.size() - 1;
                for (int from = first; from <= last; from += 1000) {
                    master.get(m)
                            .clusterAddSlots(IntStream.rangeClosed(from, Math.min(last, from + 999))
                                    .toArray());
                }
            }

            // 3. The first node meets every other; gossip tells the rest.
            for (EmbeddedRedis node : all(masters, replicas).subList(1, masters.size() + replicas.size())) {
                master.getFirst().clusterMeet("127.0.0.1", node.port());
            }
            awaitEvery(
                    all,
                    "every node knows every other",
                    info -> info.contains("cluster_known_nodes:" + all.size() + "\r"));

            // 4. Each replica follows its master (once it has heard of it).
            for (int r = 0; r < replicas.size(); r++) {
                String masterId = master.get(r / replicasPerMaster).clusterMyId();
                RedisCommands<String, String> follower = replica.get(r);
                await("replica " + replicas.get(r).port() + " follows its master", () -> {
                    try {
                        return "OK".equals(follower.clusterReplicate(masterId));
                    } catch (RuntimeException unknownYet) {
                        return false;
                    }
                });
            }

            // 5. Ready when every node says ok and every node sees the same masters, slots and replicas.
            awaitEvery(
                    all,
                    "every node says cluster_state:ok",
                    info -> info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:" + SLOTS));
            await("every node sees the same masters, slots and replicas", () -> {
                String first = view(all.getFirst());
                return first.split("\n").length == masters.size() + replicas.size()
                        && all.stream().allMatch(node -> view(node).equals(first));
            });
            for (RedisCommands<String, String> follower : replica) {
                await(
                        "every replica in sync with its master",
                        () -> follower.info("replication").contains("master_link_status:up"));
            }
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /**
     * What one node sees: each node's id, role, master and slots, sorted, with nothing that changes by itself (pings,
     * epochs).
     */
    private static String view(RedisCommands<String, String> node) {
        Partitions partitions = ClusterPartitionParser.parse(node.clusterNodes());
        Map<String, String> lines = new TreeMap<>();
        for (RedisClusterNode n : partitions) {
            lines.put(
                    n.getNodeId(),
                    n.getNodeId() + " " + n.getRole() + " " + n.getSlaveOf() + " "
                            + n.getSlots().size()
                            + (n.is(RedisClusterNode.NodeFlag.FAIL) || n.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
                                    ? " failing"
                                    : ""));
        }
        return String.join("\n", lines.values());
    }

    private static void awaitEvery(
            List<RedisCommands<String, String>> nodes, String what, java.util.function.Predicate<String> clusterInfo) {
        await(what, () -> nodes.stream().allMatch(node -> clusterInfo.test(node.clusterInfo())));
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + FORMING.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new StoreStartException("the embedded Redis Cluster did not form within " + FORMING.toSeconds()
                        + " s: not yet " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreStartException("interrupted while forming the embedded Redis Cluster");
            }
        }
    }

    /*
     * A cluster node also listens on its port + 10000 (the cluster bus; Redis 6.2 has no cluster-port
     * setting), so both must be free, and the second below 65536.
     */
    private static int clusterPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new StoreStartException("no free pair of ports (port, port + 10000) on 127.0.0.1 for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<EmbeddedRedis> all(List<EmbeddedRedis> masters, List<EmbeddedRedis> replicas) {
        return Stream.concat(masters.stream(), replicas.stream()).toList();
    }

    /**
     * The seed clients start from (the first master); it carries the password, so never print it: use
     * {@link #endpoint()}.
     */
    public URI uri() {
        return masters.getFirst().uri();
    }

    /** The seed without the password, for output. */
    public String endpoint() {
        return masters.getFirst().endpoint();
    }

    /** E.g. {@code Redis Cluster 7.0.15, 3 masters} (and {@code , 3 replicas} when there are). */
    public String product() {
        return "Redis Cluster " + binary.version() + ", " + masters.size() + " masters"
                + (replicas.isEmpty() ? "" : ", " + replicas.size() + " replicas");
    }

    public RedisServerBinary binary() {
        return binary;
    }

    /** The nodes started as masters, in slot order (a failover may since have made one of their replicas a master). */
    public List<EmbeddedRedis> masters() {
        return masters;
    }

    /** The nodes started as replicas, those of the first master first. */
    public List<EmbeddedRedis> replicas() {
        return replicas;
    }

    /** The password every node requires (and the replicas give their masters). */
    public String password() {
        return password;
    }

    /** Where every node keeps its configuration and log. */
    Path workDir() {
        return workDir;
    }

    /** Every node's processes. */
    @Override
    public List<Long> pids() {
        return all(masters, replicas).stream()
                .flatMap(node -> node.pids().stream())
                .toList();
    }

    @Override
    public void close() {
        for (EmbeddedRedis node : all(masters, replicas)) {
            Stores.closeQuietly(node);
        }
        EmbeddedS3Proxy.deleteRecursively(workDir);
    }
}
