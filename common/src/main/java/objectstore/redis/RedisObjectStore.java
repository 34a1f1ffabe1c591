package objectstore.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
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
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.StoreUnavailableException;
import objectstore.store.UserError;
import objectstore.util.Causes;
import objectstore.util.LibraryVersion;
import objectstore.util.Permits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lite client's {@code redis://} facade: S3 semantics over one Lettuce connection, one round trip per operation.
 */
/*
 * The original Python facade kept bucket names in a set, stored each object under "bucket/key" and listed
 * with SCAN MATCH "bucket/prefix*". That left four gaps: no size, ETag or date in listings; no check that
 * the bucket exists on put and get; glob characters ("*", "?", "[", "]", "\") in a prefix changed what
 * SCAN matched; and SCAN walks the whole keyspace, in no order, for every page. This class closes them.
 *
 * Key layout (one Redis database; {bucket} is the bucket name, written with its braces):
 *
 *   s3:buckets            SET of bucket names: the bucket registry.
 *   s3:i:{bucket}         ZSET, every member scored 0, member = object key: the bucket's index.
 *   s3:o:{bucket}/key     STRING: a 45-byte header, then the object's bytes. The header is the ETag
 *                         (32 hex digits of the MD5) and the last-modified time (13 decimal digits of
 *                         milliseconds since the epoch, from the Redis server's clock).
 *
 * What each choice costs and buys:
 *
 * - The metadata rides in front of the data in the same string. One Redis key per object, not two, so
 *   an object and its metadata are written, expired and deleted together and can never disagree. The
 *   price is 45 bytes per object and a GETRANGE instead of a GET (Redis copies the bytes after the
 *   header; for a 5,000-byte object that is a memcpy, not a round trip). The size is never stored:
 *   it is STRLEN minus the header.
 *
 * - The index costs one sorted-set entry per object (roughly the key's length plus ~50 bytes). With all
 *   scores equal, Redis orders members by their bytes (memcmp), which is exactly S3's order: keys
 *   compared as UTF-8 bytes. ZRANGEBYLEX "[prefix" "[prefix\xff" LIMIT 0 n then reads one page of the
 *   keys under a prefix, in order, in O(log N + n), with no glob pattern anywhere: a prefix is compared
 *   as bytes, so "a*" means the two characters a and *. The upper bound is exact because 0xFF never
 *   occurs in UTF-8, so every key that starts with the prefix sorts below prefix + 0xFF. A continuation
 *   token is the last key returned (base64url, so callers treat it as opaque); the next page starts
 *   just after it: "(lastKey".
 *
 * - Every check that must go with a write is a Lua script, loaded once with SCRIPT LOAD and then sent as
 *   EVALSHA with its 40-character SHA-1 instead of its text. A script runs atomically, so "the bucket
 *   exists" and "the object is indexed" cannot be separated by another client's DeleteBucket. The hot
 *   paths keep the object's bytes out of Lua: a GET is a plain GETRANGE (only an empty answer runs a
 *   script, to tell a missing key from an empty object), and a PUT is a plain SET followed, in the same
 *   round trip, by a small script that checks the bucket, stamps the time and indexes the key (see
 *   INDEX). Every operation is still one round trip; CreateBucket needs no script, because SADD answers
 *   0 when the member was already there.
 *
 * - The listing script derives an object's Redis key from its index member (prefix + member) instead of
 *   receiving it in KEYS: it cannot know the keys before it reads the index. On one server that is
 *   plain; on a cluster see below.
 *
 * - A time to live (?ttl=SECONDS on the endpoint) is a PX on the object's string, so data and metadata
 *   expire together. The index member cannot expire with it (a sorted set member has no TTL, and using
 *   the score for the expiry time would destroy the lexical order), so the listing script checks each
 *   member it is about to return: STRLEN of a stored object is at least 45, and 0 means it has expired,
 *   so the member is removed there and then. DeleteBucket does the same before deciding whether the
 *   bucket is empty. Each stale member is paid for once, by the first listing that meets it.
 *
 * - Names follow S3's rules (S3Names), checked before anything is sent, exactly as the HTTP client
 *   checks them: a name S3 would refuse is refused here too, with the same message.
 *
 * - At most maxInFlight commands are on the connection at once (LiteSettings' limit, given by
 *   LiteClients); more wait in a Permits queue, as the HTTP client's requests do. Names are checked,
 *   keys encoded and the ETag computed on the caller's thread before the wait; the caller never blocks.
 *
 * On a Redis Cluster (the server at the endpoint says cluster_enabled:1 in INFO cluster; any one node
 * will do as the seed), the same semantics and the same one round trip per object operation, with each
 * bucket split into CLUSTER_PARTITIONS (64) partitions so that its objects spread over every master:
 *
 *   s3:buckets              SET of bucket names: the registry (CreateBucket's "already exists", nothing else).
 *   s3:b:{bucket:p}         SET holding the bucket's name: partition p's marker, "the bucket exists" in p's slot.
 *   s3:i:{bucket:p}         ZSET: partition p's index.
 *   s3:o:{bucket:p}/key     STRING: header + bytes, as above.
 *
 *   p = CRC32 of the key's UTF-8 bytes, modulo CLUSTER_PARTITIONS.
 *
 * - Why partitions. Redis Cluster hashes a key to one of 16,384 slots, each served by one master, and
 *   a script may touch only keys of one slot (it is routed by its first key and refused, CROSSSLOT,
 *   when its keys hash apart). "Put the object, check the bucket, index the key" must be one script, so
 *   the object, the index entry and the bucket check it uses share a slot: the hash tag {bucket:p}
 *   (Redis hashes only what is between the braces). One tag per bucket would put a whole bucket on one
 *   master, and the cluster would be no faster than one server for one bucket. 64 tags per bucket land
 *   on every master of any small cluster (about 21 each of 3), and the key's CRC32 spreads the objects
 *   evenly over them. On one server PARTITIONS is 1 and the layout is exactly the one above.
 *
 * - Why a marker per partition. The scripts check "the bucket exists" with SISMEMBER KEYS[1] bucket;
 *   on one server KEYS[1] is the registry, on a cluster the partition's marker: a set with the bucket's
 *   name as its one member. The scripts are the same on both, and each object operation stays one script
 *   on one master, with every key it names in its own slot.
 *
 * - What costs more. CreateBucket writes the registry and the 64 markers, all sent at once (one round
 *   trip's latency). DeleteBucket runs the delete-bucket script on every partition at once; each removes
 *   its marker only if its partition is empty. When one partition still holds objects, the markers
 *   removed meanwhile are put back and the answer is BucketNotEmpty: a PUT or GET that lands in such a
 *   partition between the two steps sees NoSuchBucket, as if the delete had won, and the next one
 *   succeeds again. Then the registry entry goes. ListObjectsV2 asks every partition at once for its next
 *   keys after the continuation token and merges them in byte order: a page is exact and ordered, taken
 *   from the keys that every partition has answered up to. Each partition is asked for about twice its
 *   share of the page, not for the whole page, so a page moves about 2 x maxKeys entries, not 64 x; in
 *   the rare case that is not enough, the partitions are asked again for more. DeleteObjects groups its
 *   keys by partition, one script per partition, all at once.
 *
 * - The listing and delete-bucket scripts read the objects named by their index's members; they do not
 *   name them in KEYS, because they learn them from the index. Those keys carry the same hash tag as the
 *   declared index, so they are in the script's own slot, on the node that runs it, which is what a
 *   cluster requires. Every other script names every key it touches.
 *
 * - ?wait=N on the endpoint: after each PUT, WAIT N (at most WAIT_TIMEOUT) on the same node, so a PUT is
 *   acknowledged only once N replicas have it; fewer is ServiceUnavailable. A failover then loses no
 *   acknowledged PUT, for a round trip to the replica on every PUT (tools.ClusterFailover measures both).
 */
public final class RedisObjectStore implements ObjectStore {

    /** Named so a reader can raise it to DEBUG and watch each operation. */
    private static final Logger log = LoggerFactory.getLogger("objectstore.redis");

    /** How long a command may wait for its answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The in-flight limit of the overloads that take none: no limit, every command is sent at once. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** The ETag (32 hex digits) and the last-modified milliseconds (13 digits) in front of each object. */
    static final int HEADER_LENGTH = 45;

    private static final int MAX_KEYS = 1000;
    private static final byte[] BUCKETS = "s3:buckets".getBytes(UTF_8);
    private static final byte[] HEADER_LENGTH_ARGUMENT =
            Integer.toString(HEADER_LENGTH).getBytes(UTF_8);
    /** Where the last-modified time starts in the header: after the 32 hex digits of the ETag. */
    private static final byte[] TIME_OFFSET_ARGUMENT = "32".getBytes(UTF_8);

    private static final String LETTUCE =
            LibraryVersion.of(RedisClient.class, "io.lettuce", "lettuce-core").replace(".RELEASE", "");

    /*
     * The scripts. KEYS are the Redis keys a script touches, ARGV its other arguments. Each answers an
     * S3 error with redis.error_reply('CODE message'): the code first, then a space, the form of Redis's
     * own errors (WRONGTYPE ..., NOSCRIPT ...). The space matters. Redis 6.2 sends an error reply as it is
     * given, but Redis 7 reads the first word as the error's code and, when there is only one word, puts
     * the generic ERR in front: error_reply('NoSuchBucket') arrives as "ERR NoSuchBucket" on 7.0 and as
     * "NoSuchBucket" on 6.2. "NoSuchBucket no such bucket" arrives the same on both.
     */

    /*
     * PutObject is two commands, sent together on the connection and answered together: a plain SET of
     * header + data (with the TTL, if any), then this script, which checks the bucket, stamps the
     * header with the server's time and indexes the key. The object's bytes never pass through Lua:
     * arguments of a script are copied into Lua strings, and Redis runs one command at a time, so every
     * microsecond a script spends copying 5,000 bytes is one no other client gets. A PUT to a missing
     * bucket removes what the SET wrote before it answers NoSuchBucket; an object deleted between the
     * two commands (by another client's DELETE) is neither stamped nor indexed.
     */
    private static final Script INDEX = new Script("index", """
            -- KEYS: registry, index, object. ARGV: bucket, key, header's time offset
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              redis.call('DEL', KEYS[3])
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            if redis.call('EXISTS', KEYS[3]) == 1 then
              local now = redis.call('TIME')
              redis.call('SETRANGE', KEYS[3], ARGV[3], string.format('%013d', now[1] * 1000 + math.floor(now[2] / 1000)))
              redis.call('ZADD', KEYS[2], 0, ARGV[2])
            end
            return 1
            """);

    /*
     * GetObject is a plain GETRANGE, no script: the header's last byte and the object's bytes after it.
     * An object always answers at least that one byte, even an empty one; only a missing key answers
     * nothing, and only then does this script run, a second round trip, to say which error it is:
     * NoSuchBucket or NoSuchKey.
     */
    private static final Script GET = new Script("get", """
            -- KEYS: registry, object. ARGV: bucket, header length
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return redis.call('GETRANGE', KEYS[2], ARGV[2], -1)
            end
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            return redis.error_reply('NoSuchKey no such key')
            """);

    /* HeadObject: the header and the stored length, never the data. */
    private static final Script HEAD = new Script("head", """
            -- KEYS: registry, object. ARGV: bucket, header length
            local length = redis.call('STRLEN', KEYS[2])
            if length > 0 then
              return {redis.call('GETRANGE', KEYS[2], 0, ARGV[2] - 1), length}
            end
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            return redis.error_reply('NoSuchKey no such key')
            """);

    /* DeleteObject and DeleteObjects: one DEL and one ZREM for up to 1,000 keys. */
    private static final Script DELETE = new Script("delete", """
            -- KEYS: registry, index, object... ARGV: bucket, key...
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            redis.call('DEL', unpack(KEYS, 3))
            redis.call('ZREM', KEYS[2], unpack(ARGV, 2))
            return 1
            """);

    /* ListObjectsV2: up to n live keys from the index, with their headers and sizes; drops expired members. */
    private static final Script LIST = new Script("list", """
            -- KEYS: registry, index. ARGV: bucket, object key prefix, min, max, objects wanted, header length
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            local wanted = tonumber(ARGV[5])
            local header = tonumber(ARGV[6])
            local min = ARGV[3]
            local listed = {}
            local count = 0
            while count < wanted do
              local members = redis.call('ZRANGEBYLEX', KEYS[2], min, ARGV[4], 'LIMIT', 0, wanted - count)
              if #members == 0 then
                break
              end
              for _, member in ipairs(members) do
                local object = ARGV[2] .. member
                local length = redis.call('STRLEN', object)
                if length == 0 then
                  redis.call('ZREM', KEYS[2], member)
                else
                  listed[#listed + 1] = member
                  listed[#listed + 1] = redis.call('GETRANGE', object, 0, header - 1)
                  listed[#listed + 1] = length - header
                  count = count + 1
                end
              end
              min = '(' .. members[#members]
            end
            return listed
            """);

    /* DeleteBucket: drop expired members, refuse while a live object remains, then unregister. */
    private static final Script DELETE_BUCKET = new Script("delete-bucket", """
            -- KEYS: registry, index. ARGV: bucket, object key prefix
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            while true do
              local members = redis.call('ZRANGEBYLEX', KEYS[2], '-', '+', 'LIMIT', 0, 100)
              if #members == 0 then
                break
              end
              for _, member in ipairs(members) do
                if redis.call('EXISTS', ARGV[2] .. member) == 1 then
                  return redis.error_reply('BucketNotEmpty the bucket holds objects')
                end
                redis.call('ZREM', KEYS[2], member)
              end
            end
            redis.call('SREM', KEYS[1], ARGV[1])
            return 1
            """);

    private static final List<Script> SCRIPTS = List.of(INDEX, GET, HEAD, DELETE, LIST, DELETE_BUCKET);

    /** How many partitions each bucket is split into on a Redis Cluster (see the class comment); on one server, 1. */
    public static final int CLUSTER_PARTITIONS = 64;

    /** The longest a PUT waits for its replicas with {@code ?wait=N}. */
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(1);

    private final String endpoint;
    private final Duration timeout;
    private final Duration timeToLive;
    /** SET's arguments: PX with the time to live, or none. */
    private final SetArgs setArgs;

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    /**
     * The commands of one server's connection, or of a cluster connection, which routes each by its first key's slot.
     */
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    /** The cluster connection, or null on one server. */
    private final StatefulRedisClusterConnection<byte[], byte[]> cluster;

    private final int partitions;
    private final int waitReplicas;
    private final int maxInFlight;
    private final Permits permits;
    private final Map<String, BucketKeys> bucketKeys = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisObjectStore(
            String endpoint,
            Duration timeout,
            Duration timeToLive,
            int waitReplicas,
            int maxInFlight,
            Permits permits,
            ClientResources resources,
            AbstractRedisClient client,
            StatefulConnection<byte[], byte[]> connection,
            RedisClusterAsyncCommands<byte[], byte[]> redis,
            StatefulRedisClusterConnection<byte[], byte[]> cluster) {
        this.endpoint = endpoint;
        this.maxInFlight = maxInFlight;
        this.permits = permits;
        this.timeout = timeout;
        this.timeToLive = timeToLive;
        this.waitReplicas = waitReplicas;
        this.setArgs = timeToLive == null ? new SetArgs() : SetArgs.Builder.px(timeToLive.toMillis());
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redis = redis;
        this.cluster = cluster;
        this.partitions = cluster == null ? 1 : CLUSTER_PARTITIONS;
    }

    /**
     * Connects to {@code redis://[:password@]host[:port][/db][?ttl=SECONDS][&wait=N]} (or {@code rediss://}) and loads
     * the scripts; no limit on commands in flight. A cluster node as the endpoint opens the cluster.
     */
    public static RedisObjectStore open(URI endpoint, Duration timeout) {
        return open(endpoint, timeout, null);
    }

    /** As {@link #open(URI, Duration)}, with at most {@code maxInFlight} commands in flight; more wait in a queue. */
    public static RedisObjectStore open(URI endpoint, Duration timeout, int maxInFlight) {
        return open(endpoint, timeout, null, maxInFlight, null);
    }

    /**
     * As {@link #open(URI, Duration)}, with a time to live for every object written; null keeps the URI's {@code ttl},
     * if any.
     */
    public static RedisObjectStore open(URI endpoint, Duration timeout, Duration timeToLive) {
        return open(endpoint, timeout, timeToLive, NO_LIMIT, null);
    }

    /** As above, telling {@code listener} about every command written to Redis (tests count round trips with it). */
    static RedisObjectStore open(
            URI endpoint, Duration timeout, Duration timeToLive, int maxInFlight, CommandListener listener) {
        Permits permits = new Permits(maxInFlight);
        RedisEndpoint target = RedisEndpoint.parse(endpoint);
        Duration ttl = timeToLive != null ? timeToLive : target.timeToLive();
        if (ttl != null && ttl.toMillis() < 1) {
            throw new UserError("the time to live must be at least 1 ms, not " + ttl);
        }
        Duration commandTimeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        boolean clusterNode;

        /*
         * One client, one connection. Lettuce multiplexes every command of every thread over one TCP
         * connection and pipelines them: a command is written without waiting for the replies before it
         * (commands issued together in one write, see resources()), and its future completes when its
         * reply arrives, in order. More connections would not make one Redis server, which runs commands
         * on one thread, any faster.
         */
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(clientOptions(ClientOptions.builder(), commandTimeout).build());
        if (listener != null) {
            client.addListener(listener);
        }
        try {
            StatefulRedisConnection<byte[], byte[]> connection =
                    client.connect(ByteArrayCodec.INSTANCE, target.toRedisUri(commandTimeout));
            /* A cluster node says so; the store then talks to the cluster, starting from this node. */
            clusterNode = isClusterNode(connection);
            if (!clusterNode) {
                loadScripts(connection.sync()::scriptLoad);
                log.debug(
                        "connected to {} (time to live {}, timeout {})",
                        target.printable(),
                        ttl == null ? "none" : ttl,
                        commandTimeout);
                return new RedisObjectStore(
                        target.printable(),
                        commandTimeout,
                        ttl,
                        target.waitReplicas(),
                        maxInFlight,
                        permits,
                        resources,
                        client,
                        connection,
                        connection.async(),
                        null);
            }
            connection.close();
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw connectFailure(target.printable(), e);
        }
        shutDown(client, null);
        return openCluster(target, commandTimeout, ttl, maxInFlight, permits, resources, listener);
    }

    /**
     * INFO cluster says cluster_enabled:1; a user the ACL does not let run INFO is on one server as far as we can tell.
     */
    private static boolean isClusterNode(StatefulRedisConnection<byte[], byte[]> connection) {
        try {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RedisCommandExecutionException refused) {
            return false;
        }
    }

    /*
     * On a cluster: Lettuce's cluster client, one connection to each master (opened as commands need
     * them), each command sent to the master of its first key's slot, following MOVED and ASK. The
     * cluster's map (which master serves which slots) is read again every second and at once when a
     * node is lost or a command is redirected, so after a failover the promoted replica gets the
     * commands within about a second.
     */
    private static RedisObjectStore openCluster(
            RedisEndpoint target,
            Duration commandTimeout,
            Duration ttl,
            int maxInFlight,
            Permits permits,
            ClientResources resources,
            CommandListener listener) {
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
            /* SCRIPT LOAD on a cluster connection goes to every node. */
            loadScripts(connection.sync()::scriptLoad);
            int masters = (int) connection.getPartitions().stream()
                    .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM))
                    .count();
            log.debug(
                    "connected to the Redis Cluster at {} ({} masters, time to live {}, timeout {})",
                    target.printable(),
                    masters,
                    ttl == null ? "none" : ttl,
                    commandTimeout);
            return new RedisObjectStore(
                    target.printable() + " (cluster)",
                    commandTimeout,
                    ttl,
                    target.waitReplicas(),
                    maxInFlight,
                    permits,
                    resources,
                    client,
                    connection,
                    connection.async(),
                    connection);
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw connectFailure(target.printable(), e);
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
                        .connectTimeout(min(commandTimeout, Duration.ofSeconds(10)))
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                /*
                 * While the connection is down Lettuce reconnects by itself (with backoff); a command issued
                 * meanwhile fails at once instead of waiting in a buffer for the command timeout, so an
                 * outage shows as counted errors, and the calls after the reconnect succeed again.
                 */
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** SCRIPT LOAD once, at open: from here on a call sends the 40-character SHA-1, not the script. */
    private static void loadScripts(java.util.function.Function<byte[], String> scriptLoad) {
        for (Script script : SCRIPTS) {
            String sha = scriptLoad.apply(script.body());
            if (!sha.equals(script.sha())) {
                throw new IllegalStateException(
                        "Redis gave script " + script.name() + " the SHA-1 " + sha + ", expected " + script.sha());
            }
        }
    }

    /** True on a Redis Cluster: each bucket is then split into {@link #CLUSTER_PARTITIONS} partitions. */
    public boolean cluster() {
        return cluster != null;
    }

    /** The SCAN MATCH pattern of every object key of {@code bucket} on a cluster, e.g. to count them on each master. */
    public static String objectKeyPattern(String bucket) {
        return "s3:o:{" + bucket + ":*}/*";
    }

    /** The endpoint without its password, e.g. {@code redis://127.0.0.1:6379}. */
    public String endpoint() {
        return endpoint;
    }

    /** The time to live given to every object written, or null when objects are kept until deleted. */
    public Duration timeToLive() {
        return timeToLive;
    }

    /** The most commands in flight at once; {@link #NO_LIMIT} when there is none. */
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public String description() {
        return "lite client's Redis facade (Lettuce " + LETTUCE
                + (cluster == null ? ")" : ", Redis Cluster, " + partitions + " partitions a bucket)");
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return call("CreateBucket", bucket, null, () -> {
            BucketKeys keys = keysOf(bucket);
            return this.<Long>limited(() -> {
                        /* On a cluster, every partition's marker too, sent together with the registry's SADD. */
                        List<CompletableFuture<Long>> markers = new ArrayList<>();
                        if (cluster != null) {
                            for (Partition partition : keys.partitions()) {
                                markers.add(redis.sadd(partition.check(), keys.name())
                                        .toCompletableFuture());
                            }
                        }
                        CompletableFuture<Long> registered =
                                redis.sadd(BUCKETS, keys.name()).toCompletableFuture();
                        return CompletableFuture.allOf(markers.toArray(CompletableFuture[]::new))
                                .thenCombine(registered, (all, added) -> added);
                    })
                    .thenApply(added -> {
                        if (added == 0) {
                            throw new ObjectStoreException(
                                    "BucketAlreadyOwnedByYou", 409, "bucket " + bucket + " already exists", null);
                        }
                        return null;
                    });
        });
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return call("DeleteBucket", bucket, null, () -> {
            BucketKeys keys = keysOf(bucket);
            if (cluster != null) {
                return deleteClusterBucket(keys);
            }
            return this.<Long>run(
                            DELETE_BUCKET,
                            ScriptOutputType.INTEGER,
                            new byte[][] {BUCKETS, keys.only().index()},
                            keys.name(),
                            keys.only().objectPrefix())
                    .thenApply(deleted -> {
                        bucketKeys.remove(bucket);
                        return null;
                    });
        });
    }

    /*
     * DeleteBucket on a cluster: the delete-bucket script on every partition at once. Each removes its
     * marker only when its partition holds no live object. If any partition was not empty (or did not
     * answer), the markers that were removed are put back (so, meanwhile, a PUT or GET there saw
     * NoSuchBucket) and the answer is BucketNotEmpty (or that failure); if no partition knew the bucket,
     * NoSuchBucket; else the registry entry goes too.
     */
    private CompletableFuture<Void> deleteClusterBucket(BucketKeys keys) {
        return this.<Void>limited(() -> {
            Partition[] all = keys.partitions();
            List<CompletableFuture<Long>> scripts = new ArrayList<>(all.length);
            List<CompletableFuture<String>> outcomes = new ArrayList<>(all.length);
            for (Partition partition : all) {
                CompletableFuture<Long> deleting = script(
                        redis,
                        DELETE_BUCKET,
                        ScriptOutputType.INTEGER,
                        new byte[][] {partition.check(), partition.index()},
                        keys.name(),
                        partition.objectPrefix());
                scripts.add(deleting);
                outcomes.add(deleting.handle((deleted, failure) -> failure == null ? "deleted" : errorCode(failure)));
            }
            return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> {
                        List<String> codes =
                                outcomes.stream().map(CompletableFuture::join).toList();
                        int failedAt = codes.indexOf("failed");
                        if (codes.contains("BucketNotEmpty") || failedAt >= 0) {
                            List<CompletableFuture<Long>> restored = new ArrayList<>();
                            for (int p = 0; p < all.length; p++) {
                                if (codes.get(p).equals("deleted")) {
                                    restored.add(redis.sadd(all[p].check(), keys.name())
                                            .toCompletableFuture());
                                }
                            }
                            Throwable answer = failedAt >= 0
                                    ? scripts.get(failedAt)
                                            .handle((r, failure) -> failure)
                                            .join()
                                    : new ObjectStoreException(
                                            "BucketNotEmpty",
                                            409,
                                            "bucket " + keys.bucket() + " still holds objects",
                                            null);
                            return CompletableFuture.allOf(restored.toArray(CompletableFuture[]::new))
                                    .thenCompose(r -> CompletableFuture.<Void>failedFuture(answer));
                        }
                        if (!codes.contains("deleted")) {
                            return CompletableFuture.failedFuture(new ObjectStoreException(
                                    "NoSuchBucket", 404, "bucket " + keys.bucket() + " does not exist", null));
                        }
                        return redis.srem(BUCKETS, keys.name())
                                .toCompletableFuture()
                                .thenApply(removed -> {
                                    bucketKeys.remove(keys.bucket());
                                    return (Void) null;
                                });
                    });
        });
    }

    /** The S3 error code a script answered ("NoSuchBucket ..."), or "failed". */
    private static String errorCode(Throwable failure) {
        Throwable cause = Causes.root(failure);
        if (cause instanceof RedisCommandExecutionException answered) {
            String reply = String.valueOf(answered.getMessage());
            String code = reply.substring(0, Math.max(0, reply.indexOf(' ')));
            if (code.equals("NoSuchBucket") || code.equals("BucketNotEmpty")) {
                return code;
            }
        }
        return "failed";
    }

    /** SMEMBERS of the registry, sorted: S3 lists buckets by name. */
    @Override
    public CompletableFuture<List<String>> listBuckets() {
        return call(
                "ListBuckets",
                "",
                null,
                () -> this.<Set<byte[]>>limited(() -> redis.smembers(BUCKETS))
                        .thenApply(names -> names.stream()
                                .map(name -> new String(name, UTF_8))
                                .sorted()
                                .toList()));
    }

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return call("PutObject", bucket, key, () -> {
            BucketKeys keys = keysOf(bucket);
            byte[] keyBytes = keyBytes(key);
            Partition partition = keys.of(keyBytes);
            byte[] objectKey = partition.object(keyBytes);
            String eTag = md5Hex(data);

            /* The header: the ETag, then 13 zeros the INDEX script overwrites with the server's time. */
            byte[] stored = new byte[HEADER_LENGTH + data.length];
            eTag.getBytes(0, 32, stored, 0);
            Arrays.fill(stored, 32, HEADER_LENGTH, (byte) '0');
            System.arraycopy(data, 0, stored, HEADER_LENGTH, data.length);
            byte[][] scriptKeys = {partition.check(), partition.index(), objectKey};

            if (waitReplicas > 0) {
                return this.<Long>limited(() -> putAndWait(objectKey, stored, scriptKeys, keys.name(), keyBytes))
                        .thenApply(indexed -> eTag);
            }
            return this.<Long>limited(() -> {
                        CompletableFuture<String> set =
                                redis.set(objectKey, stored, setArgs).toCompletableFuture();
                        CompletableFuture<Long> indexed = script(
                                redis,
                                INDEX,
                                ScriptOutputType.INTEGER,
                                scriptKeys,
                                keys.name(),
                                keyBytes,
                                TIME_OFFSET_ARGUMENT);
                        return set.thenCombine(indexed, (ok, one) -> one);
                    })
                    .thenApply(indexed -> eTag);
        });
    }

    /*
     * A PUT with ?wait=N: SET, INDEX and WAIT N, in that order on the connection to the master that owns
     * the key (WAIT counts the replicas that have every write this connection made). On a cluster that is
     * the master's own connection, found from the cluster's slot map; a connection routed by key would
     * send WAIT, which names no key, to some other node.
     */
    private CompletableFuture<Long> putAndWait(
            byte[] objectKey, byte[] stored, byte[][] scriptKeys, byte[] bucketName, byte[] keyBytes) {
        CompletableFuture<? extends RedisClusterAsyncCommands<byte[], byte[]>> node;
        if (cluster == null) {
            node = CompletableFuture.completedFuture(redis);
        } else {
            RedisClusterNode owner = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(objectKey));
            if (owner == null) {
                return CompletableFuture.failedFuture(new StoreUnavailableException(
                        "no master serves the slot of " + new String(objectKey, UTF_8), null));
            }
            node = cluster.getConnectionAsync(
                            owner.getUri().getHost(), owner.getUri().getPort())
                    .thenApply(StatefulRedisConnection::async);
        }
        return node.thenCompose(commands -> {
            CompletableFuture<String> set =
                    commands.set(objectKey, stored, setArgs).toCompletableFuture();
            CompletableFuture<Long> indexed = script(
                    commands, INDEX, ScriptOutputType.INTEGER, scriptKeys, bucketName, keyBytes, TIME_OFFSET_ARGUMENT);
            CompletableFuture<Long> replicated = commands.waitForReplication(waitReplicas, WAIT_TIMEOUT.toMillis())
                    .toCompletableFuture();
            return set.thenCombine(indexed, (ok, one) -> one).thenCombine(replicated, (one, replicas) -> {
                if (replicas < waitReplicas) {
                    throw new ObjectStoreException(
                            "ServiceUnavailable",
                            503,
                            "the PUT reached " + replicas + " of " + waitReplicas + " replicas within "
                                    + WAIT_TIMEOUT.toMillis() + " ms",
                            null);
                }
                return one;
            });
        });
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return call("GetObject", bucket, key, () -> {
            BucketKeys keys = keysOf(bucket);
            byte[] keyBytes = keyBytes(key);
            Partition partition = keys.of(keyBytes);
            byte[] objectKey = partition.object(keyBytes);
            return this.<byte[]>limited(() -> redis.getrange(objectKey, HEADER_LENGTH - 1, -1))
                    .thenCompose(answer -> answer.length > 0
                            ? CompletableFuture.completedFuture(Arrays.copyOfRange(answer, 1, answer.length))
                            : run(
                                    GET,
                                    ScriptOutputType.VALUE,
                                    new byte[][] {partition.check(), objectKey},
                                    keys.name(),
                                    HEADER_LENGTH_ARGUMENT));
        });
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return call("HeadObject", bucket, key, () -> {
            BucketKeys keys = keysOf(bucket);
            byte[] keyBytes = keyBytes(key);
            Partition partition = keys.of(keyBytes);
            return this.<List<Object>>run(
                            HEAD,
                            ScriptOutputType.MULTI,
                            new byte[][] {partition.check(), partition.object(keyBytes)},
                            keys.name(),
                            HEADER_LENGTH_ARGUMENT)
                    .thenApply(reply -> objectInfo(key, (byte[]) reply.get(0), (Long) reply.get(1) - HEADER_LENGTH));
        });
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return call("DeleteObject", bucket, key, () -> {
            BucketKeys keys = keysOf(bucket);
            byte[] keyBytes = keyBytes(key);
            Partition partition = keys.of(keyBytes);
            return this.<Long>run(
                            DELETE,
                            ScriptOutputType.INTEGER,
                            new byte[][] {partition.check(), partition.index(), partition.object(keyBytes)},
                            keys.name(),
                            keyBytes)
                    .thenApply(deleted -> null);
        });
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keyList) {
        return call("DeleteObjects", bucket, keyList.size() + " keys", () -> {
            BucketKeys keys = keysOf(bucket);
            if (keyList.size() > MAX_DELETE_KEYS) {
                throw new ObjectStoreException(
                        "MalformedXML",
                        400,
                        "DeleteObjects takes at most " + MAX_DELETE_KEYS + " keys, not " + keyList.size(),
                        null);
            }
            if (keyList.isEmpty()) {
                return CompletableFuture.completedFuture(List.<DeleteError>of());
            }

            /*
             * One script call per partition (one in all on a single server): KEYS carries the bucket check,
             * the index and each object's Redis key, ARGV the bucket and each index member.
             */
            Map<Partition, List<byte[]>> byPartition = new java.util.LinkedHashMap<>();
            for (String key : keyList) {
                byte[] keyBytes = keyBytes(key);
                byPartition
                        .computeIfAbsent(keys.of(keyBytes), p -> new ArrayList<>())
                        .add(keyBytes);
            }
            return this.<Void>limited(() -> {
                        List<CompletableFuture<Long>> deleted = new ArrayList<>(byPartition.size());
                        byPartition.forEach((partition, members) -> {
                            byte[][] redisKeys = new byte[2 + members.size()][];
                            byte[][] arguments = new byte[1 + members.size()][];
                            redisKeys[0] = partition.check();
                            redisKeys[1] = partition.index();
                            arguments[0] = keys.name();
                            for (int i = 0; i < members.size(); i++) {
                                redisKeys[2 + i] = partition.object(members.get(i));
                                arguments[1 + i] = members.get(i);
                            }
                            deleted.add(script(redis, DELETE, ScriptOutputType.INTEGER, redisKeys, arguments));
                        });
                        return CompletableFuture.allOf(deleted.toArray(CompletableFuture[]::new));
                    })
                    .thenApply(done -> List.<DeleteError>of());
        });
    }

    @Override
    public CompletableFuture<ListPage> listObjects(
            String bucket, String prefix, String continuationToken, int maxKeys) {
        return call("ListObjectsV2", bucket, prefix, () -> {
            BucketKeys keys = keysOf(bucket);
            if (maxKeys < 1 || maxKeys > MAX_KEYS) {
                throw new ObjectStoreException(
                        "InvalidArgument", 400, "MaxKeys must be 1 to " + MAX_KEYS + ", not " + maxKeys, null);
            }
            byte[] prefixBytes = prefix == null ? new byte[0] : prefix.getBytes(UTF_8);

            /*
             * The range: from "[prefix" (inclusive) or just after the last key of the previous page,
             * whichever is later, to "[prefix\xff", or "+" (the end) when there is no prefix.
             */
            byte[] min = bound('[', prefixBytes, false);
            if (continuationToken != null) {
                byte[] lastKey = decodeToken(continuationToken);
                if (Arrays.compareUnsigned(lastKey, prefixBytes) >= 0) {
                    min = bound('(', lastKey, false);
                }
            }
            byte[] max = prefixBytes.length == 0 ? new byte[] {'+'} : bound('[', prefixBytes, true);

            if (cluster != null) {
                byte[] first = min;
                return this.<ListPage>limited(() -> new ClusterListing(keys, first, max, maxKeys).next());
            }
            /* Ask for one more than a page: if it comes back, the listing is truncated. */
            return this.<List<Object>>run(
                            LIST,
                            ScriptOutputType.MULTI,
                            new byte[][] {BUCKETS, keys.only().index()},
                            keys.name(),
                            keys.only().objectPrefix(),
                            min,
                            max,
                            Integer.toString(maxKeys + 1).getBytes(UTF_8),
                            HEADER_LENGTH_ARGUMENT)
                    .thenApply(reply -> listPage(reply, maxKeys));
        });
    }

    /*
     * One page of a listing on a cluster, merged from every partition's index. Each partition is asked
     * for its next keys after the page's start, about twice its share of the page, all at once. The keys
     * up to the lowest last key among the partitions that may have more are then known exactly (every
     * partition has answered up to there); if those are a page and one more, or every partition is done,
     * the page is the first maxKeys of them, in byte order. Otherwise the partitions that may have more
     * are asked again, for twice as many, from where each stopped.
     */
    private final class ClusterListing {
        private final BucketKeys keys;
        private final byte[] max;
        private final int maxKeys;
        private final byte[][] from;
        private final boolean[] done;
        private final List<Entry> entries = new ArrayList<>();
        private int wanted;

        ClusterListing(BucketKeys keys, byte[] min, byte[] max, int maxKeys) {
            this.keys = keys;
            this.max = max;
            this.maxKeys = maxKeys;
            this.from = new byte[keys.partitions().length][];
            Arrays.fill(from, min);
            this.done = new boolean[from.length];
            this.wanted = Math.min(maxKeys + 1, 2 * ((maxKeys + 1 + from.length - 1) / from.length) + 2);
        }

        CompletableFuture<ListPage> next() {
            List<CompletableFuture<Void>> asked = new ArrayList<>();
            int ask = wanted;
            for (int p = 0; p < from.length; p++) {
                if (done[p]) {
                    continue;
                }
                int partition = p;
                Partition keysOfP = keys.partitions()[p];
                asked.add(RedisObjectStore.this
                        .<List<Object>>script(
                                redis,
                                LIST,
                                ScriptOutputType.MULTI,
                                new byte[][] {keysOfP.check(), keysOfP.index()},
                                keys.name(),
                                keysOfP.objectPrefix(),
                                from[partition],
                                max,
                                Integer.toString(ask).getBytes(UTF_8),
                                HEADER_LENGTH_ARGUMENT)
                        .thenAccept(reply -> add(partition, reply, ask)));
            }
            return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                    .thenCompose(all -> {
                        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
                        byte[] known = null; // every key up to here is in entries; null: every key is
                        for (int p = 0; p < from.length; p++) {
                            if (!done[p]) {
                                byte[] last = Arrays.copyOfRange(from[p], 1, from[p].length);
                                if (known == null || Arrays.compareUnsigned(last, known) < 0) {
                                    known = last;
                                }
                            }
                        }
                        int exact = 0;
                        while (exact < entries.size()
                                && (known == null
                                        || Arrays.compareUnsigned(
                                                        entries.get(exact).key(), known)
                                                <= 0)) {
                            exact++;
                        }
                        if (known != null && exact <= maxKeys) {
                            wanted = Math.min(maxKeys + 1, wanted * 2);
                            return next();
                        }
                        int count = Math.min(exact, maxKeys);
                        List<ObjectInfo> objects = new ArrayList<>(count);
                        for (Entry entry : entries.subList(0, count)) {
                            objects.add(objectInfo(new String(entry.key(), UTF_8), entry.header(), entry.size()));
                        }
                        String token = exact > maxKeys
                                ? Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(entries.get(count - 1).key())
                                : null;
                        return CompletableFuture.completedFuture(new ListPage(objects, token));
                    });
        }

        private synchronized void add(int partition, List<Object> reply, int asked) {
            int found = reply.size() / 3;
            for (int i = 0; i < found; i++) {
                entries.add(new Entry(
                        (byte[]) reply.get(3 * i), (byte[]) reply.get(3 * i + 1), (Long) reply.get(3 * i + 2)));
            }
            if (found < asked) {
                done[partition] = true;
            } else {
                from[partition] = bound('(', (byte[]) reply.get(3 * (found - 1)), false);
            }
        }
    }

    /** One listed object: its key's bytes, its header, its size. */
    private record Entry(byte[] key, byte[] header, long size) {}

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
            shutDown(client, resources);
        }
    }

    /** A script, sent when a permit is free. */
    private <T> CompletableFuture<T> run(Script script, ScriptOutputType type, byte[][] keys, byte[]... arguments) {
        return limited(() -> script(redis, script, type, keys, arguments));
    }

    /*
     * EVALSHA, or EVAL when the server has forgotten the script (a restart, SCRIPT FLUSH, or on a cluster
     * a replica promoted since the scripts were loaded); EVAL caches it again. On a cluster connection
     * both go to the master of KEYS[1]'s slot.
     */
    private <T> CompletableFuture<T> script(
            RedisClusterAsyncCommands<byte[], byte[]> commands,
            Script script,
            ScriptOutputType type,
            byte[][] keys,
            byte[]... arguments) {
        return commands.<T>evalsha(script.sha(), type, keys, arguments)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> Causes.root(failure) instanceof RedisNoScriptException
                        ? commands.<T>eval(script.body(), type, keys, arguments).toCompletableFuture()
                        : CompletableFuture.failedFuture(failure));
    }

    /** Sends {@code command} when a permit is free (at once, mostly), and returns the permit when its answer is in. */
    private <T> CompletableFuture<T> limited(Supplier<CompletionStage<T>> command) {
        CompletableFuture<T> answered = new CompletableFuture<>();
        permits.submit(() -> {
            CompletionStage<T> sent;
            try {
                sent = command.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((result, failure) -> {
                permits.release();
                if (failure == null) {
                    answered.complete(result);
                } else {
                    answered.completeExceptionally(failure);
                }
            });
        });
        return answered;
    }

    /**
     * Prepares one request on the caller's thread (names checked, keys encoded), sends it through {@link #limited},
     * turns Redis failures into S3 errors, and logs the outcome at DEBUG.
     */
    private <T> CompletableFuture<T> call(
            String operation, String bucket, String key, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> sent;
        try {
            sent = request.get();
        } catch (ObjectStoreException | IllegalArgumentException invalid) {
            sent = CompletableFuture.failedFuture(invalid);
        }
        CompletableFuture<T> answered = sent.exceptionally(failure -> {
            throw translate(failure, operation, bucket, key);
        });
        if (log.isDebugEnabled()) {
            long start = System.nanoTime();
            answered.whenComplete((result, failure) -> log.debug(
                    "{} {}{} -> {} in {} us",
                    operation,
                    bucket,
                    key == null ? "" : " " + key,
                    failure == null ? "ok" : Causes.root(failure).getMessage(),
                    (System.nanoTime() - start) / 1000));
        }
        return answered;
    }

    /** The S3 error for what a script answered, or StoreUnavailableException for a store that did not answer. */
    private RuntimeException translate(Throwable failure, String operation, String bucket, String key) {
        Throwable cause = Causes.root(failure);
        if (cause instanceof ObjectStoreException
                || cause instanceof StoreUnavailableException
                || cause instanceof IllegalArgumentException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof RedisCommandExecutionException answered) {
            String reply = String.valueOf(answered.getMessage());
            String code = reply.substring(0, Math.max(0, reply.indexOf(' ')));
            return switch (code) {
                case "NoSuchBucket" ->
                    new ObjectStoreException(code, 404, "bucket " + bucket + " does not exist", null);
                case "NoSuchKey" -> new ObjectStoreException(code, 404, "no key " + key + " in bucket " + bucket, null);
                case "BucketNotEmpty" ->
                    new ObjectStoreException(code, 409, "bucket " + bucket + " still holds objects", null);
                default -> redisError(reply, operation);
            };
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return new StoreUnavailableException(
                    endpoint + " did not answer " + operation + " within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof RedisException) {
            return new StoreUnavailableException(
                    "lost the connection to " + endpoint + ": " + cause.getMessage(), cause);
        }
        return new StoreUnavailableException(operation + " on " + endpoint + " failed: " + cause, cause);
    }

    /*
     * Errors Redis raises itself. An ACL refusal of the command we sent starts with NOPERM (NOAUTH and
     * WRONGPASS for credentials) on every version. One raised inside a script does not: 6.2 and 7 both
     * wrap it in ERR ("ERR Error running script ... The user executing the script can't run this
     * command or subcommand" on 6.2, "ERR The user executing the script can't ... script: SHA, on
     * @user_script:1." on 7), so that sentence is what marks it. A server at its maxmemory answers OOM,
     * before the script on 7 and from the first write inside it, wrapped in ERR, on 6.2.
     */
    private ObjectStoreException redisError(String reply, String operation) {
        if (reply.startsWith("NOAUTH")
                || reply.startsWith("WRONGPASS")
                || reply.startsWith("NOPERM")
                || reply.contains("The user executing the script can't")) {
            return new ObjectStoreException(
                    "AccessDenied", 403, endpoint + " refused " + operation + ": " + firstLine(reply), null);
        }
        if (reply.startsWith("CLUSTERDOWN") || reply.startsWith("TRYAGAIN")) {
            // A cluster that lost a master and has not yet promoted its replica, or a slot being moved.
            return new ObjectStoreException(
                    "ServiceUnavailable",
                    503,
                    endpoint + " could not serve " + operation + " now: " + firstLine(reply),
                    null);
        }
        if (reply.contains("OOM command not allowed")) {
            return new ObjectStoreException(
                    "ServiceUnavailable",
                    503,
                    endpoint + " is out of memory (maxmemory) and refused " + operation + ": " + firstLine(reply),
                    null);
        }
        return new ObjectStoreException(
                "InternalError", 500, endpoint + " failed " + operation + ": " + firstLine(reply), null);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** The names a bucket's Redis keys start with, encoded once and kept; rejects names S3 would reject. */
    private BucketKeys keysOf(String bucket) {
        BucketKeys keys = bucket == null ? null : bucketKeys.get(bucket);
        if (keys == null) {
            String problem = S3Names.bucketProblem(bucket);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            Partition[] all = new Partition[partitions];
            if (partitions == 1) {
                all[0] = new Partition(
                        BUCKETS, ("s3:i:{" + bucket + "}").getBytes(UTF_8), ("s3:o:{" + bucket + "}/").getBytes(UTF_8));
            } else {
                for (int p = 0; p < partitions; p++) {
                    String tag = "{" + bucket + ":" + p + "}";
                    all[p] = new Partition(
                            ("s3:b:" + tag).getBytes(UTF_8),
                            ("s3:i:" + tag).getBytes(UTF_8),
                            ("s3:o:" + tag + "/").getBytes(UTF_8));
                }
            }
            keys = new BucketKeys(bucket, bucket.getBytes(UTF_8), all);
            bucketKeys.put(bucket, keys);
        }
        return keys;
    }

    /** The key as UTF-8; rejects keys S3 would reject. */
    private static byte[] keyBytes(String key) {
        String problem = S3Names.keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return key.getBytes(UTF_8);
    }

    /** A ZRANGEBYLEX bound: '[' (inclusive) or '(' (exclusive), the bytes, and 0xFF after them when {@code upper}. */
    private static byte[] bound(char kind, byte[] bytes, boolean upper) {
        byte[] bound = new byte[1 + bytes.length + (upper ? 1 : 0)];
        bound[0] = (byte) kind;
        System.arraycopy(bytes, 0, bound, 1, bytes.length);
        if (upper) {
            bound[bound.length - 1] = (byte) 0xFF;
        }
        return bound;
    }

    private static ListPage listPage(List<Object> reply, int maxKeys) {
        int found = reply.size() / 3;
        int count = Math.min(found, maxKeys);
        List<ObjectInfo> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = new String((byte[]) reply.get(3 * i), UTF_8);
            objects.add(objectInfo(key, (byte[]) reply.get(3 * i + 1), (Long) reply.get(3 * i + 2)));
        }
        String next = found > maxKeys
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(((byte[]) reply.get(3 * (count - 1))))
                : null;
        return new ListPage(objects, next);
    }

    private static byte[] decodeToken(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new ObjectStoreException(
                    "InvalidArgument", 400, "the continuation token is not one this store gave", null);
        }
    }

    /** Reads the 45-byte header: 32 hex digits of ETag, then 13 digits of milliseconds. */
    private static ObjectInfo objectInfo(String key, byte[] header, long size) {
        String eTag = new String(header, 0, 32, US_ASCII);
        long millis = 0;
        for (int i = 32; i < HEADER_LENGTH; i++) {
            millis = millis * 10 + (header[i] - '0');
        }
        return new ObjectInfo(key, size, eTag, Instant.ofEpochMilli(millis));
    }

    /** Each thread's MD5: looked up once, not on every put (digest() resets it for the next use). */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    });

    /** The ETag S3 gives a single-part upload: the hex MD5 of the bytes. */
    private static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(MD5.get().digest(data));
    }

    /** Why open() failed, without the password: refused or unreachable, or refused credentials. */
    private static RuntimeException connectFailure(String endpoint, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof RedisCommandExecutionException
                    && (message.startsWith("WRONGPASS")
                            || message.startsWith("NOAUTH")
                            || message.startsWith("ERR invalid password"))) {
                String hint = message.startsWith("NOAUTH")
                        ? "it needs a password: give it as redis://:PASSWORD@host:port"
                        : "it refused the password in the endpoint URI ("
                                + message.lines().findFirst().orElse("") + ")";
                return new ObjectStoreException("AccessDenied", 403, endpoint + ": " + hint, null);
            }
            if (t instanceof RedisCommandExecutionException && message.startsWith("NOPERM")) {
                return new ObjectStoreException(
                        "AccessDenied",
                        403,
                        endpoint + ": the user may not load the facade's scripts"
                                + " (it needs SCRIPT, EVALSHA, EVAL and the commands they call): " + firstLine(message),
                        null);
            }
        }
        if (failure instanceof RedisConnectionException || failure instanceof RedisCommandTimeoutException) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new StoreUnavailableException(
                    "cannot connect to " + endpoint + ": " + Causes.connectFailure(root), failure);
        }
        return failure;
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
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            log.debug("shutting down the Redis client: {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A bucket's name, and its partitions' keys: one partition on a single server, {@link #CLUSTER_PARTITIONS} on a
     * cluster.
     */
    private record BucketKeys(String bucket, byte[] name, Partition[] partitions) {

        /** The partition of an object key: CRC32 of its UTF-8 bytes, modulo the partitions (none computed for one). */
        Partition of(byte[] key) {
            if (partitions.length == 1) {
                return partitions[0];
            }
            CRC32 crc = new CRC32();
            crc.update(key);
            return partitions[(int) (crc.getValue() % partitions.length)];
        }

        /** The one partition of a single server's bucket. */
        Partition only() {
            return partitions[0];
        }
    }

    /**
     * One partition's keys: the bucket check its scripts use (the registry on one server, the partition's marker on a
     * cluster), its index, and the prefix of its objects' keys.
     */
    private record Partition(byte[] check, byte[] index, byte[] objectPrefix) {

        /** The Redis key of one object: {@code s3:o:{bucket}/} (or {@code s3:o:{bucket:p}/}) followed by the key. */
        byte[] object(byte[] key) {
            byte[] redisKey = Arrays.copyOf(objectPrefix, objectPrefix.length + key.length);
            System.arraycopy(key, 0, redisKey, objectPrefix.length, key.length);
            return redisKey;
        }
    }

    /** A Lua script and the SHA-1 of its text, which is the name EVALSHA calls it by. */
    private record Script(String name, byte[] body, String sha) {

        Script(String name, String body) {
            this(name, body.getBytes(UTF_8), sha1Hex(body.getBytes(UTF_8)));
        }

        private static String sha1Hex(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-1", e);
            }
        }
    }
}
