package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.event.command.CommandListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import objectstore.redis.KeyLayout.BucketKeys;
import objectstore.redis.KeyLayout.ObjectKeys;
import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.UserError;
import objectstore.util.LibraryVersion;
import objectstore.util.Permits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lite client's {@code redis://} facade: S3's semantics over one Lettuce connection, on one Redis server or a Redis
 * Cluster, one round trip per object operation.
 *
 * <p>Buckets exist or not (NoSuchBucket, BucketAlreadyOwnedByYou, BucketNotEmpty); a missing key is NoSuchKey;
 * HeadObject and ListObjectsV2 give size, MD5 ETag and last-modified; listings are exact, paged and in S3's order (the
 * keys' UTF-8 bytes), a prefix compared as bytes, never as a glob. Names S3 would refuse, and objects over the server's
 * {@code proto-max-bulk-len} (EntityTooLarge), are refused before anything is sent. A check that goes with a write runs
 * with it in one Lua script. At most {@code maxInFlight} commands are in flight; the rest wait in a queue, and the
 * caller never blocks. {@code ?ttl=SECONDS} on the endpoint expires objects; {@code ?wait=N} acknowledges a PUT once N
 * replicas have it.
 *
 * <p>Page 08, {@code docs/08-lite-over-redis.md}, draws the key layout and says what each choice costs. The parts:
 * {@link RedisConnection}, {@link Requests}, {@link Script} and its {@code .lua} files, {@link KeyLayout},
 * {@link ObjectHeader}, {@link ObjectSizeLimit}, {@link Listing}, {@link ClusterListing}, {@link ClusterBuckets},
 * {@link ReplicaWait}, {@link RedisErrors}.
 */
public final class RedisObjectStore implements ObjectStore {

    /** Named so a reader can raise it to DEBUG and watch each operation. */
    private static final Logger log = LoggerFactory.getLogger("objectstore.redis");

    /** How long a command may wait for its answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The in-flight limit of the overloads that take none: no limit, every command is sent at once. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** How many partitions each bucket is split into on a Redis Cluster; on one server, 1. */
    public static final int CLUSTER_PARTITIONS = KeyLayout.CLUSTER_PARTITIONS;

    /** The longest a PUT waits for its replicas with {@code ?wait=N}. */
    public static final Duration WAIT_TIMEOUT = ReplicaWait.TIMEOUT;

    private static final String LETTUCE =
            LibraryVersion.of(RedisClient.class, "io.lettuce", "lettuce-core").replace(".RELEASE", "");

    private final RedisConnection connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final Requests requests;
    private final KeyLayout layout;
    private final ObjectSizeLimit sizeLimit;
    private final Duration timeToLive;
    /** SET's arguments: PX with the time to live, or none. */
    private final SetArgs setArgs;

    private final ReplicaWait replicaWait;
    private final int maxInFlight;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisObjectStore(
            RedisConnection connection,
            RedisEndpoint target,
            Duration timeout,
            Duration timeToLive,
            int maxInFlight,
            Permits permits) {
        this.connection = connection;
        this.redis = connection.commands();
        this.requests = new Requests(redis, permits, new RedisErrors(connection.endpoint(), timeout));
        this.layout = new KeyLayout(connection.cluster());
        this.sizeLimit = ObjectSizeLimit.of(connection.protoMaxBulkLen(), target.protoMaxBulkLen());
        this.timeToLive = timeToLive;
        this.setArgs = timeToLive == null ? new SetArgs() : SetArgs.Builder.px(timeToLive.toMillis());
        this.replicaWait = new ReplicaWait(target.waitReplicas());
        this.maxInFlight = maxInFlight;
    }

    /**
     * Connects to {@code redis://[:password@]host[:port][/db][?ttl=SECONDS][&wait=N][&proto-max-bulk-len=BYTES]} (or
     * {@code rediss://}) and loads the scripts; no limit on commands in flight. A cluster node as the endpoint opens
     * the cluster. The largest object is the server's {@code proto-max-bulk-len} (CONFIG GET at open; on a cluster, the
     * seed node's) less the 45-byte header; where CONFIG is refused, the endpoint's {@code proto-max-bulk-len}, else
     * Redis's default, 512 MiB.
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
        RedisConnection connection = RedisConnection.open(target, commandTimeout, listener);
        RedisObjectStore store = new RedisObjectStore(connection, target, commandTimeout, ttl, maxInFlight, permits);
        log.debug(
                "connected to {} (time to live {}, timeout {}, objects up to {} bytes)",
                connection.endpoint(),
                ttl == null ? "none" : ttl,
                commandTimeout,
                store.maxObjectSize());
        return store;
    }

    /** True on a Redis Cluster: each bucket is then split into {@link #CLUSTER_PARTITIONS} partitions. */
    public boolean cluster() {
        return connection.cluster();
    }

    /** The SCAN MATCH pattern of every object key of {@code bucket} on a cluster, e.g. to count them on each master. */
    public static String objectKeyPattern(String bucket) {
        return KeyLayout.objectKeyPattern(bucket);
    }

    /** The endpoint without its password, e.g. {@code redis://127.0.0.1:6379}. */
    public String endpoint() {
        return connection.endpoint();
    }

    /** The time to live given to every object written, or null when objects are kept until deleted. */
    public Duration timeToLive() {
        return timeToLive;
    }

    /** The most commands in flight at once; {@link #NO_LIMIT} when there is none. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * The largest object a PUT takes: {@code proto-max-bulk-len} (see {@link #open(URI, Duration)}) less the header.
     */
    public long maxObjectSize() {
        return sizeLimit.maxObjectSize();
    }

    @Override
    public String description() {
        return "lite client's Redis facade (Lettuce " + LETTUCE
                + (cluster() ? ", Redis Cluster, " + CLUSTER_PARTITIONS + " partitions a bucket)" : ")");
    }

    /* The registry's SADD answers 0 for a name it had; on a cluster every partition's marker goes with it. */
    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return requests.withS3Errors("CreateBucket", bucket, null, () -> {
            BucketKeys keys = layout.bucket(bucket);
            return requests.<Long>withPermit(() -> cluster()
                            ? ClusterBuckets.create(redis, keys)
                            : redis.sadd(KeyLayout.REGISTRY, keys.name()))
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
        return requests.withS3Errors("DeleteBucket", bucket, null, () -> {
            BucketKeys keys = layout.bucket(bucket);
            CompletableFuture<?> deleted = cluster()
                    ? requests.withPermit(() -> ClusterBuckets.delete(redis, keys))
                    : requests.evalWithPermit(
                            Script.DELETE_BUCKET,
                            ScriptOutputType.INTEGER,
                            new byte[][] {KeyLayout.REGISTRY, keys.only().index()},
                            keys.name(),
                            keys.only().objectPrefix());
            return deleted.thenApply(done -> {
                layout.forget(bucket);
                return (Void) null;
            });
        });
    }

    /** SMEMBERS of the registry, sorted: S3 lists buckets by name. */
    @Override
    public CompletableFuture<List<String>> listBuckets() {
        return requests.withS3Errors(
                "ListBuckets",
                "",
                null,
                () -> requests.<Set<byte[]>>withPermit(() -> redis.smembers(KeyLayout.REGISTRY))
                        .thenApply(names -> names.stream()
                                .map(name -> new String(name, UTF_8))
                                .sorted()
                                .toList()));
    }

    /*
     * A plain SET of header and bytes, with the TTL if any, then the INDEX script, sent together and
     * answered together: the object's bytes never pass through Lua, where every microsecond spent copying
     * them is one no other client gets. With ?wait=N, both and WAIT go to the key's master's connection.
     */
    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return requests.withS3Errors("PutObject", bucket, key, () -> {
            ObjectKeys object = layout.object(bucket, key);
            sizeLimit.check(data.length, endpoint());
            String eTag = ObjectHeader.eTag(data);
            byte[] stored = ObjectHeader.stored(eTag, data);
            byte[] objectKey = object.redisKey();
            byte[][] scriptKeys = {
                object.partition().check(), object.partition().index(), objectKey
            };
            byte[][] arguments = {object.bucket().name(), object.key(), ObjectHeader.TIME_OFFSET_ARGUMENT};
            return requests.<Long>withPermit(() -> replicaWait.replicas() == 0
                            ? setAndIndex(redis, objectKey, stored, scriptKeys, arguments)
                            : connection
                                    .masterOf(objectKey)
                                    .thenCompose(node -> setAndIndex(node, objectKey, stored, scriptKeys, arguments)))
                    .thenApply(indexed -> eTag);
        });
    }

    /* SET and INDEX on the node, sent together, and with ?wait=N then WAIT N (ReplicaWait). */
    private CompletableFuture<Long> setAndIndex(
            RedisClusterAsyncCommands<byte[], byte[]> node,
            byte[] objectKey,
            byte[] stored,
            byte[][] scriptKeys,
            byte[][] arguments) {
        CompletableFuture<Long> indexed = node.set(objectKey, stored, setArgs)
                .toCompletableFuture()
                .thenCombine(
                        Script.INDEX.<Long>eval(node, ScriptOutputType.INTEGER, scriptKeys, arguments),
                        (ok, one) -> one);
        return replicaWait.replicas() == 0 ? indexed : replicaWait.after(indexed, node);
    }

    /*
     * A plain GETRANGE from the header's last byte: an object always answers at least that byte, even an
     * empty one, so only a missing key answers nothing; only then does the GET script run, a second round
     * trip, to say whether the key or the bucket is missing.
     */
    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return requests.withS3Errors("GetObject", bucket, key, () -> {
            ObjectKeys object = layout.object(bucket, key);
            return requests.<byte[]>withPermit(() -> redis.getrange(object.redisKey(), ObjectHeader.LENGTH - 1, -1))
                    .thenCompose(answer -> answer.length > 0
                            ? CompletableFuture.completedFuture(Arrays.copyOfRange(answer, 1, answer.length))
                            : requests.evalWithPermit(
                                    Script.GET,
                                    ScriptOutputType.VALUE,
                                    new byte[][] {object.partition().check(), object.redisKey()},
                                    object.bucket().name(),
                                    ObjectHeader.LENGTH_ARGUMENT));
        });
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return requests.withS3Errors("HeadObject", bucket, key, () -> {
            ObjectKeys object = layout.object(bucket, key);
            return requests.<List<Object>>evalWithPermit(
                            Script.HEAD,
                            ScriptOutputType.MULTI,
                            new byte[][] {object.partition().check(), object.redisKey()},
                            object.bucket().name(),
                            ObjectHeader.LENGTH_ARGUMENT)
                    .thenApply(reply ->
                            ObjectHeader.info(key, (byte[]) reply.get(0), (Long) reply.get(1) - ObjectHeader.LENGTH));
        });
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return requests.withS3Errors("DeleteObject", bucket, key, () -> {
            ObjectKeys object = layout.object(bucket, key);
            return requests.<Long>evalWithPermit(
                            Script.DELETE,
                            ScriptOutputType.INTEGER,
                            new byte[][] {
                                object.partition().check(), object.partition().index(), object.redisKey()
                            },
                            object.bucket().name(),
                            object.key())
                    .thenApply(deleted -> null);
        });
    }

    /* One DELETE script per partition among the keys (one in all on a server), all at once. */
    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keyList) {
        return requests.withS3Errors("DeleteObjects", bucket, keyList.size() + " keys", () -> {
            BucketKeys keys = layout.bucket(bucket);
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
            List<byte[]> keyBytes = new ArrayList<>(keyList.size());
            for (String key : keyList) {
                keyBytes.add(KeyLayout.objectKey(key));
            }
            List<KeyLayout.ScriptArguments> deletions = keys.deletions(keyBytes);
            return requests.<Void>withPermit(() -> CompletableFuture.allOf(deletions.stream()
                            .map(d -> Script.DELETE.eval(redis, ScriptOutputType.INTEGER, d.keys(), d.arguments()))
                            .toArray(CompletableFuture[]::new)))
                    .thenApply(done -> List.<DeleteError>of());
        });
    }

    @Override
    public CompletableFuture<ListPage> listObjects(
            String bucket, String prefix, String continuationToken, int maxKeys) {
        return requests.withS3Errors("ListObjectsV2", bucket, prefix, () -> {
            BucketKeys keys = layout.bucket(bucket);
            if (maxKeys < 1 || maxKeys > Listing.MAX_KEYS) {
                throw new ObjectStoreException(
                        "InvalidArgument", 400, "MaxKeys must be 1 to " + Listing.MAX_KEYS + ", not " + maxKeys, null);
            }
            Listing.Range range = Listing.range(prefix, continuationToken);
            if (cluster()) {
                return requests.<ListPage>withPermit(() -> new ClusterListing(redis, keys, range, maxKeys).next());
            }
            /* One more than a page: if it comes back, the listing is truncated. */
            return requests.<List<Object>>evalWithPermit(
                            Script.LIST,
                            ScriptOutputType.MULTI,
                            new byte[][] {KeyLayout.REGISTRY, keys.only().index()},
                            keys.name(),
                            keys.only().objectPrefix(),
                            range.min(),
                            range.max(),
                            Integer.toString(maxKeys + 1).getBytes(UTF_8),
                            ObjectHeader.LENGTH_ARGUMENT)
                    .thenApply(reply -> Listing.page(reply, maxKeys));
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
