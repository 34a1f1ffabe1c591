package objectstore.provisioning;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import objectstore.connection.Credentials;
import objectstore.connection.CredentialsLookup;
import objectstore.connection.Endpoints;
import objectstore.connection.RegionLookup;
import objectstore.connection.Target;
import objectstore.store.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the store a run talks to, in this order (or as {@code --store} forces):
 *
 * <ol>
 *   <li>an endpoint the user configured ({@code --endpoint}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}; for
 *       Redis {@code --redis}, {@code REDIS_URL}), used as given;
 *   <li>else a server already listening on the default port (S3 on localhost:9001 as the original's {@code minio.sh};
 *       Redis on localhost:6379);
 *   <li>else an embedded store started as a child process (S3Proxy or redis-server);
 *   <li>{@code --store container}: a Docker container through Testcontainers, when Docker runs;
 *   <li>{@code --store cluster} (Redis only): an embedded Redis Cluster of three masters.
 * </ol>
 *
 * A Redis endpoint, given or found, whose server says {@code cluster_enabled:1} (INFO cluster) is a cluster: its
 * StoreInfo names it so and carries a {@link StoreInfo.Cluster}, and the chapters open a cluster client on it, starting
 * from that one node (the seed) and learning the rest from it.
 */
public final class Stores {

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    /** Where the original experiments expected MinIO. */
    public static final URI DEFAULT_S3_ENDPOINT = URI.create("http://localhost:9001");
    /** Where a local Redis usually listens. */
    public static final URI DEFAULT_REDIS_ENDPOINT = URI.create("redis://localhost:6379");
    /** Embedded stores keep their files here, relative to the module the run started in. */
    public static final Path EMBEDDED_DIR = ModuleDir.resolve("target/embedded-stores");

    private Stores() {}

    /**
     * The S3 store {@code choice} finds: {@code endpoint} (or the environment's), else one on the default port, else an
     * embedded one.
     */
    public static ProvisionedStore s3(StoreChoice choice, Backend backend, URI endpoint, Map<String, String> env) {
        return s3(choice, endpoint, env, () -> embeddedS3(backend));
    }

    /** As {@link #s3(StoreChoice, Backend, URI, Map)}, with {@code embedded} starting the embedded store. */
    public static ProvisionedStore s3(
            StoreChoice choice, URI endpoint, Map<String, String> env, Supplier<ProvisionedStore> embedded) {
        URI configured = endpoint != null ? endpoint : configuredS3(env);
        return switch (choice) {
            case EMBEDDED -> embedded.get();
            case CONTAINER -> Containers.minio();
            case CLUSTER ->
                throw new UserError(
                        "--store cluster starts a Redis Cluster: it is for the Redis chapters 06, 07 and 08");
            case EXTERNAL -> externalS3(configured != null ? configured : DEFAULT_S3_ENDPOINT, env);
            case AUTO -> {
                if (configured != null) {
                    yield externalS3(configured, env);
                }
                if (listening(DEFAULT_S3_ENDPOINT)) {
                    yield externalS3(DEFAULT_S3_ENDPOINT, env);
                }
                yield embedded.get();
            }
        };
    }

    /**
     * The Redis server {@code choice} finds: {@code endpoint} (or {@code REDIS_URL}), else one on the default port,
     * else an embedded one running {@code redisServer} (bundled, system or a path; null: {@code REDIS_SERVER}).
     */
    public static ProvisionedStore redis(
            StoreChoice choice, URI endpoint, String redisServer, Map<String, String> env) {
        URI configured = endpoint != null
                ? endpoint
                : env.get("REDIS_URL") != null && !env.get("REDIS_URL").isBlank()
                        ? Endpoints.redisEndpoint("REDIS_URL", env.get("REDIS_URL"))
                        : null;
        return switch (choice) {
            case EMBEDDED -> embeddedRedis(redisServer, env);
            case CONTAINER -> Containers.redis();
            case CLUSTER -> embeddedCluster(redisServer, env);
            case EXTERNAL -> externalRedis(configured != null ? configured : DEFAULT_REDIS_ENDPOINT);
            case AUTO -> {
                if (configured != null) {
                    yield externalRedis(configured);
                }
                if (listening(DEFAULT_REDIS_ENDPOINT)) {
                    yield externalRedis(DEFAULT_REDIS_ENDPOINT);
                }
                yield embeddedRedis(redisServer, env);
            }
        };
    }

    private static URI configuredS3(Map<String, String> env) {
        for (String name : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Endpoints.httpEndpoint(name, value);
            }
        }
        return null;
    }

    private static ProvisionedStore embeddedS3(Backend backend) {
        return embedded(EmbeddedS3Proxy.start(backend, EMBEDDED_DIR), backend.label());
    }

    /**
     * An embedded S3Proxy for large objects, which must hold {@code bytes} at once: its filesystem backend on the RAM
     * disk when it has room (else on disk under target/, and the store's backend says why), or its memory backend when
     * {@code backend} asks for it and the objects fit in half the server's heap.
     *
     * <p>It ignores request headers it does not implement, as AWS accepts them: the SDK's multipart client sends
     * {@code x-amz-mp-object-size} (the object's size) with CompleteMultipartUpload, which S3Proxy 4.0 would otherwise
     * refuse with 501 NotImplemented. Signatures are checked all the same.
     */
    public static ProvisionedStore largeObjectS3(Backend backend, long bytes) {
        EmbeddedS3Proxy.Options options = EmbeddedS3Proxy.Options.none().withUnknownHeadersIgnored();
        if (backend == Backend.MEMORY) {
            long heap = 1L << 30;
            if (bytes > heap) {
                throw new UserError("--backend memory keeps the objects in S3Proxy's heap, of which they may take "
                        + RamDisk.gib(heap) + "; the run needs " + RamDisk.gib(bytes)
                        + "; drop --backend memory (the filesystem backend, on " + RamDisk.PATH
                        + " when there is room) or choose a smaller --size or fewer --iterations");
            }
            return embedded(EmbeddedS3Proxy.start(Backend.MEMORY, EMBEDDED_DIR, options), Backend.MEMORY.label());
        }
        RamDisk.Place place = RamDisk.place(bytes, EMBEDDED_DIR);
        Path parent = place.onRamDisk() ? place.parent().resolve("objectstore-stores") : EMBEDDED_DIR;
        return embedded(
                EmbeddedS3Proxy.start(Backend.DISK, parent, options),
                Backend.DISK.label() + " on " + place.description());
    }

    /** A store this run started, as the results name it: embedded S3Proxy, {@code backend}, its endpoint. */
    public static ProvisionedStore embedded(EmbeddedS3Proxy proxy, String backend) {
        StoreInfo info = new StoreInfo(
                "embedded", EmbeddedS3Proxy.product(), backend, proxy.endpoint().toString());
        return new ProvisionedStore(proxy.target(), info, proxy);
    }

    private static ProvisionedStore externalS3(URI endpoint, Map<String, String> env) {
        if (!listening(endpoint)) {
            throw new UserError(
                    "no S3 store answers at " + endpoint + "; start one (scripts/minio.sh) or drop --endpoint"
                            + " and AWS_ENDPOINT_URL* to use the embedded S3Proxy");
        }
        Path home = Path.of(System.getProperty("user.home"));
        Credentials credentials = CredentialsLookup.resolve(env, System.getProperty("user.name"), home);
        String region = RegionLookup.resolve(env, home);
        StoreInfo info = new StoreInfo("external", s3Product(endpoint), null, endpoint.toString());
        LOG.info("credentials: {}", credentials);
        return new ProvisionedStore(new Target(endpoint, credentials, region), info, null);
    }

    private static ProvisionedStore embeddedRedis(String redisServer, Map<String, String> env) {
        RedisServerBinary binary =
                redisServer != null ? RedisServerBinary.choose(redisServer) : RedisServerBinary.fromEnvironment(env);
        EmbeddedRedis redis = EmbeddedRedis.start(EMBEDDED_DIR, binary);
        return new ProvisionedStore(
                Target.redis(redis.uri()),
                new StoreInfo("embedded", redis.product(), binary.label(), redis.endpoint()),
                redis);
    }

    private static ProvisionedStore embeddedCluster(String redisServer, Map<String, String> env) {
        RedisServerBinary binary =
                redisServer != null ? RedisServerBinary.choose(redisServer) : RedisServerBinary.fromEnvironment(env);
        EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(EMBEDDED_DIR, binary);
        StoreInfo info = new StoreInfo(
                "embedded",
                cluster.product(),
                binary.label(),
                cluster.endpoint(),
                new StoreInfo.Cluster(cluster.masters().size(), null));
        return new ProvisionedStore(Target.redis(cluster.uri()), info, cluster);
    }

    private static ProvisionedStore externalRedis(URI uri) {
        if (!listening(uri)) {
            throw new UserError("no Redis answers at " + Endpoints.printable(uri)
                    + "; start one (scripts/redis.sh, or redis-server)"
                    + " or drop --redis and REDIS_URL to use the embedded Redis");
        }
        String product = redisProduct(uri);
        StoreInfo info = new StoreInfo("external", product, null, Endpoints.printable(uri));
        if (clusterNode(uri)) {
            int masters = RedisKeys.masters(uri).size();
            info = new StoreInfo(
                    "external",
                    product.replace("Redis", "Redis Cluster") + ", " + masters + " masters",
                    null,
                    Endpoints.printable(uri),
                    new StoreInfo.Cluster(masters, null));
        }
        return new ProvisionedStore(Target.redis(uri), info, null);
    }

    /**
     * True when the server answers INFO cluster with cluster_enabled:1; false when it does not say (or cannot: an ACL).
     */
    private static boolean clusterNode(URI uri) {
        try {
            return RedisKeys.isCluster(uri);
        } catch (RuntimeException e) {
            LOG.debug("INFO cluster on {} failed: {}", Endpoints.printable(uri), e.toString());
            return false;
        }
    }

    /** "Redis 7.0.15", as the server's INFO says, or plain "Redis" when it will not say. */
    private static String redisProduct(URI uri) {
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build())
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(3));
            return connection
                    .sync()
                    .info("server")
                    .lines()
                    .filter(line -> line.startsWith("redis_version:"))
                    .map(line ->
                            "Redis " + line.substring("redis_version:".length()).strip())
                    .findFirst()
                    .orElse("Redis");
        } catch (RuntimeException e) {
            return "Redis";
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** True when something accepts TCP connections at the endpoint's host and port. */
    static boolean listening(URI endpoint) {
        return ChildProcess.accepts(endpoint.getHost(), Endpoints.port(endpoint), 1000);
    }

    /** The product an S3 endpoint says it is (its Server header), for the run's first line. */
    private static String s3Product(URI endpoint) {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(3))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.headers()
                    .firstValue("Server")
                    .map(s -> s.startsWith("MinIO") ? "MinIO" : s)
                    .orElse("S3-compatible server");
        } catch (IOException e) {
            return "S3-compatible server";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "S3-compatible server";
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("could not stop a store cleanly: {}", e.toString());
        }
    }
}
