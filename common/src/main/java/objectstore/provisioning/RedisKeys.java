package objectstore.provisioning;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Removes and counts a run's plain Redis keys ({@code bucket/...}) with SCAN, a page at a time: on one server, or on
 * every master of a Redis Cluster (SCAN sees only the keys of the node it is sent to).
 */
public final class RedisKeys {

    private RedisKeys() {}

    /** Deletes every key that starts with {@code prefix}, on every master; returns how many. */
    public static long purge(URI redis, String prefix) {
        boolean cluster = isCluster(redis);
        long deleted = 0;
        for (URI node : masters(redis)) {
            deleted += onNode(node, connection -> {
                RedisCommands<String, String> commands = connection.sync();
                long count = 0;
                ScanArgs match =
                        ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> page = commands.scan(cursor, match);
                    List<String> keys = page.getKeys();
                    if (!keys.isEmpty()) {
                        count += cluster ? unlinkEach(connection, keys) : commands.unlink(keys.toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
                return count;
            });
        }
        return deleted;
    }

    /**
     * How many keys match {@code pattern} (a SCAN MATCH pattern) on each master, in the cluster's slot order; one count
     * for a single server.
     */
    public static List<Long> countPerMaster(URI redis, String pattern) {
        List<Long> counts = new ArrayList<>();
        for (URI node : masters(redis)) {
            counts.add(onNode(node, connection -> {
                RedisCommands<String, String> commands = connection.sync();
                long count = 0;
                ScanArgs match = ScanArgs.Builder.matches(pattern).limit(1000);
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> page = commands.scan(cursor, match);
                    count += page.getKeys().size();
                    cursor = page;
                } while (!cursor.isFinished());
                return count;
            }));
        }
        return counts;
    }

    /*
     * The rule for "is this a cluster": the server's INFO cluster says cluster_enabled:1. A cluster node
     * answers commands for its own slots only, so a client must know; any node can tell, and CLUSTER
     * NODES then names the rest.
     */
    /**
     * True when the server at {@code redis} is a node of a Redis Cluster ({@code cluster_enabled:1} in INFO cluster).
     */
    public static boolean isCluster(URI redis) {
        return onNode(redis, connection -> connection.sync().info("cluster").contains("cluster_enabled:1"));
    }

    /**
     * The masters serving slots, in slot order, each as {@code redis} with its host and port; just {@code redis} for a
     * single server.
     */
    public static List<URI> masters(URI redis) {
        if (!isCluster(redis)) {
            return List.of(redis);
        }
        String nodes = onNode(redis, connection -> connection.sync().clusterNodes());
        return ClusterPartitionParser.parse(nodes).stream()
                .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM)
                        && !n.is(RedisClusterNode.NodeFlag.FAIL)
                        && !n.getSlots().isEmpty())
                .sorted(java.util.Comparator.comparingInt(n -> n.getSlots().getFirst()))
                .map(n -> withAddress(redis, n.getUri().getHost(), n.getUri().getPort()))
                .toList();
    }

    /** Escapes the characters SCAN MATCH treats as a pattern ({@code * ? [ ] \}) so they match themselves. */
    public static String escapeGlob(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /*
     * On one server, one UNLINK for the page. On a cluster node each key on its own: a command with several
     * keys must keep them in one slot (CROSSSLOT otherwise), even on the node that holds them all. They are
     * sent together and awaited together, so a page is still about one round trip.
     */
    private static long unlinkEach(StatefulRedisConnection<String, String> connection, List<String> keys) {
        List<RedisFuture<Long>> unlinked = new ArrayList<>(keys.size());
        for (String key : keys) {
            unlinked.add(connection.async().unlink(key));
        }
        if (!LettuceFutures.awaitAll(30, TimeUnit.SECONDS, unlinked.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("UNLINK of " + keys.size() + " keys did not finish within 30 s");
        }
        return unlinked.stream().mapToLong(f -> f.toCompletableFuture().join()).sum();
    }

    private static <T> T onNode(
            URI node, java.util.function.Function<StatefulRedisConnection<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create(node));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static URI withAddress(URI seed, String host, int port) {
        try {
            return new URI(
                    seed.getScheme(),
                    seed.getRawUserInfo() == null ? null : seed.getUserInfo(),
                    host,
                    port,
                    seed.getPath(),
                    seed.getQuery(),
                    null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot name cluster node " + host + ":" + port, e);
        }
    }
}
