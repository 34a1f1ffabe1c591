package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import objectstore.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's connection to Redis: one Lettuce connection to a server, or to a Redis Cluster found from any of its
 * nodes, with the scripts loaded, Netty's flushes consolidated, and a shutdown that leaves nothing running.
 */
final class RedisConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("objectstore.redis");

    private final String endpoint;
    private final Duration connectTimeout;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    /** The cluster connection, or null on one server. */
    private final StatefulRedisClusterConnection<byte[], byte[]> cluster;

    private final OptionalLong protoMaxBulkLen;

    private RedisConnection(
            String endpoint,
            Duration connectTimeout,
            ClientResources resources,
            AbstractRedisClient client,
            StatefulConnection<byte[], byte[]> connection,
            RedisClusterAsyncCommands<byte[], byte[]> commands,
            StatefulRedisClusterConnection<byte[], byte[]> cluster,
            OptionalLong protoMaxBulkLen) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.cluster = cluster;
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    /*
     * One client, one connection. Lettuce multiplexes every command of every thread over one TCP
     * connection and pipelines them: a command is written without waiting for the replies before it, and
     * its future completes when its reply arrives, in order. More connections would not make one Redis
     * server, which runs commands on one thread, any faster. A server that says cluster_enabled:1 is a
     * cluster node: the connection then goes to the cluster, starting from it.
     */
    static RedisConnection open(RedisEndpoint target, Duration commandTimeout, CommandListener listener) {
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(clientOptions(ClientOptions.builder(), commandTimeout).build());
        if (listener != null) {
            client.addListener(listener);
        }
        OptionalLong protoMaxBulkLen;
        try {
            StatefulRedisConnection<byte[], byte[]> connection =
                    client.connect(ByteArrayCodec.INSTANCE, target.toRedisUri(commandTimeout));
            protoMaxBulkLen = protoMaxBulkLen(connection);
            if (!isClusterNode(connection)) {
                Script.loadAll(connection.sync()::scriptLoad);
                return new RedisConnection(
                        target.printable(),
                        connectTimeout(commandTimeout),
                        resources,
                        client,
                        connection,
                        connection.async(),
                        null,
                        protoMaxBulkLen);
            }
            connection.close();
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw RedisErrors.connectFailure(target.printable(), e);
        }
        shutDown(client, null);
        return openCluster(target, commandTimeout, resources, listener, protoMaxBulkLen);
    }

    /*
     * On a cluster: Lettuce's cluster client, one connection to each master (opened as commands need
     * them), each command sent to the master of its first key's slot, following MOVED and ASK. The
     * cluster's map (which master serves which slots) is read again every second and at once when a
     * node is lost or a command is redirected, so after a failover the promoted replica gets the
     * commands within about a second.
     */
    private static RedisConnection openCluster(
            RedisEndpoint target,
            Duration commandTimeout,
            ClientResources resources,
            CommandListener listener,
            OptionalLong protoMaxBulkLen) {
        RedisClusterClient client = RedisClusterClient.create(resources, target.toRedisUri(commandTimeout));
        client.setOptions(((ClusterClientOptions.Builder) clientOptions(ClusterClientOptions.builder(), commandTimeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(1))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        if (listener != null) {
            client.addListener(listener);
        }
        try {
            StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            Script.loadAll(connection.sync()::scriptLoad);
            log.debug(
                    "connected to the Redis Cluster at {} ({} masters)",
                    target.printable(),
                    connection.getPartitions().stream()
                            .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM))
                            .count());
            return new RedisConnection(
                    target.printable() + " (cluster)",
                    connectTimeout(commandTimeout),
                    resources,
                    client,
                    connection,
                    connection.async(),
                    connection,
                    protoMaxBulkLen);
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw RedisErrors.connectFailure(target.printable(), e);
        }
    }

    /** The endpoint without its password, with " (cluster)" after it on a cluster. */
    String endpoint() {
        return endpoint;
    }

    /** The commands of the server's connection, or of the cluster's, which routes each by its first key's slot. */
    RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    /** True on a Redis Cluster. */
    boolean cluster() {
        return cluster != null;
    }

    /** The largest value the server (the seed node, on a cluster) takes, from CONFIG GET; empty if it would not say. */
    OptionalLong protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    /**
     * The commands of the connection to the master that serves {@code key}'s slot, for a command that names no key but
     * must reach that node (WAIT). On one server, the one connection.
     */
    CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> masterOf(byte[] key) {
        if (cluster == null) {
            return CompletableFuture.completedFuture(commands);
        }
        RedisClusterNode owner = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
        if (owner == null) {
            return CompletableFuture.failedFuture(
                    new StoreUnavailableException("no master serves the slot of " + new String(key, UTF_8), null));
        }
        return cluster.getConnectionAsync(
                        owner.getUri().getHost(), owner.getUri().getPort())
                .thenApply(StatefulRedisConnection::async);
    }

    /*
     * In order: on a cluster the topology refresh is stopped and any refresh under way allowed to finish
     * (one that meets its event loops shut down logs a stack trace: "executor not accepting a task"); then
     * the connection, the client, and last the event loops.
     */
    @Override
    public void close() {
        if (client instanceof RedisClusterClient clusterClient) {
            clusterClient.suspendTopologyRefresh();
            awaitRefresh(clusterClient);
        }
        connection.close();
        shutDown(client, resources);
    }

    /** Waits, at most the connect timeout and a second, until no refresh has run for two looks 10 ms apart. */
    private void awaitRefresh(RedisClusterClient clusterClient) {
        long giveUp = System.nanoTime() + connectTimeout.plusSeconds(1).toNanos();
        int idleLooks = 0;
        while (idleLooks < 2 && System.nanoTime() < giveUp) {
            idleLooks = clusterClient.isTopologyRefreshInProgress() ? 0 : idleLooks + 1;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * INFO cluster says cluster_enabled:1; a user the ACL does not let run INFO is on one server, as far as we know.
     */
    private static boolean isClusterNode(StatefulRedisConnection<byte[], byte[]> connection) {
        try {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RedisCommandExecutionException refused) {
            return false;
        }
    }

    /** CONFIG GET proto-max-bulk-len; empty where CONFIG is refused (an ACL, or a managed Redis that renames it). */
    private static OptionalLong protoMaxBulkLen(StatefulRedisConnection<byte[], byte[]> connection) {
        try {
            String value = connection.sync().configGet("proto-max-bulk-len").get("proto-max-bulk-len");
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (RedisCommandExecutionException | NumberFormatException refused) {
            return OptionalLong.empty();
        }
    }

    /*
     * Lettuce writes and flushes every command on its own: one write(2) per command, and on Redis's side
     * one read(2) and one reply per command, which costs Redis's one thread more than most commands do.
     * Netty's FlushConsolidationHandler, first in the connection's pipeline, turns a run of flushes into
     * one. Commands issued while a reply is being read (by callbacks) go out together when the read is
     * done; commands issued from other threads, each of which reaches the event loop as a task, go out
     * together after the tasks queued with them, or as soon as 256 are waiting. An idle connection
     * still sends a lone command at once, one event-loop task later; a busy one sends batches, which
     * Redis reads and answers in one go, a PUT's SET and INDEX together. Chapter 08's page measures it.
     */
    private static ClientResources resources() {
        return DefaultClientResources.builder()
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        channel.pipeline()
                                .addFirst(new FlushConsolidationHandler(
                                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                    }
                })
                .build();
    }

    private static ClientOptions.Builder clientOptions(ClientOptions.Builder builder, Duration commandTimeout) {
        return builder.socketOptions(SocketOptions.builder()
                        .connectTimeout(connectTimeout(commandTimeout))
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                /*
                 * While the connection is down Lettuce reconnects by itself (with backoff); a command issued
                 * meanwhile fails at once instead of waiting in a buffer for the command timeout, so an
                 * outage shows as counted errors, and the calls after the reconnect succeed again.
                 */
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** The command timeout, but at most 10 seconds. */
    private static Duration connectTimeout(Duration commandTimeout) {
        Duration most = Duration.ofSeconds(10);
        return commandTimeout.compareTo(most) <= 0 ? commandTimeout : most;
    }

    /** Shuts the client down, and {@code resources} unless null (when another client still uses them). */
    private static void shutDown(AbstractRedisClient client, ClientResources resources) {
        try {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("shutting down the Redis client: {}", e.toString());
        }
    }
}
