package objectstore.harness;

import java.net.URI;
import java.util.Locale;
import objectstore.connection.Endpoints;
import objectstore.provisioning.Backend;
import objectstore.provisioning.StoreChoice;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options that choose the store a run measures, declared once: every chapter's, and the suite's, which passes them
 * on to every chapter. A field is null when its option was not given.
 */
public final class StoreOptions {

    @Option(
            names = "--store",
            paramLabel = "S",
            description = {
                "auto|external|embedded|container|cluster (default auto: a configured endpoint, else a server on the"
                        + " default port, else an embedded one); cluster: an embedded Redis Cluster of 3 masters (Redis"
                        + " chapters 06, 07, 08). A --redis server that says cluster_enabled:1 is used as a cluster,"
                        + " seeded from it"
            })
    StoreChoice store;

    @Option(
            names = "--backend",
            paramLabel = "B",
            converter = BackendConverter.class,
            description = "embedded S3Proxy keeps objects on disk (default) or in memory")
    Backend backend;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            converter = S3Endpoint.class,
            description = "an S3 endpoint (also AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)")
    URI endpoint;

    @Option(
            names = "--redis",
            paramLabel = "URL",
            converter = RedisEndpoint.class,
            description =
                    "a Redis endpoint, redis://[:password@]host:port (also REDIS_URL); for a cluster, any one node"
                            + " (the others are learned from it)")
    URI redis;

    @Option(
            names = "--redis-server",
            paramLabel = "B",
            description = "the embedded Redis's binary: bundled (Redis 6.2, the default), system (the redis-server on"
                    + " PATH) or a path (also REDIS_SERVER)")
    String redisServer;

    /** The store to look for: {@code --store}, else auto. */
    StoreChoice store() {
        return store == null ? StoreChoice.AUTO : store;
    }

    /** The embedded S3Proxy's storage: {@code --backend}, else disk. */
    Backend backend() {
        return backend == null ? Backend.DISK : backend;
    }

    /** disk (or filesystem) and memory (or transient). */
    static final class BackendConverter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "disk", "filesystem" -> Backend.DISK;
                case "memory", "transient" -> Backend.MEMORY;
                default -> throw new CommandLines.BadValue("--backend must be disk or memory, not '" + value + "'");
            };
        }
    }

    /** An http:// or https:// URL, with the message of {@link Endpoints#httpEndpoint} when it is not one. */
    static final class S3Endpoint implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return Endpoints.httpEndpoint("--endpoint", value);
            } catch (UserError e) {
                throw new CommandLines.BadValue(e.getMessage());
            }
        }
    }

    /** A redis:// or rediss:// URL; the message never shows its password. */
    static final class RedisEndpoint implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return Endpoints.redisEndpoint("--redis", value);
            } catch (UserError e) {
                throw new CommandLines.BadValue(e.getMessage());
            }
        }
    }
}
