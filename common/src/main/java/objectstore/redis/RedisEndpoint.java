package objectstore.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import objectstore.store.UserError;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db][?ttl=SECONDS][&wait=REPLICAS][&proto-max-bulk-len=BYTES]}
 * endpoint; {@code rediss://} for TLS. {@code wait=N}: a PUT is acknowledged only once N replicas have it (WAIT after
 * each PUT). {@code proto-max-bulk-len}: the server's limit on one value, for a server that refuses CONFIG GET (0 when
 * not given).
 */
record RedisEndpoint(
        boolean tls,
        String host,
        int port,
        int database,
        String user,
        String password,
        Duration timeToLive,
        int waitReplicas,
        long protoMaxBulkLen) {

    static final int DEFAULT_PORT = 6379;

    private static final String FORM =
            "redis://[:password@]host[:port][/db][?ttl=SECONDS][&wait=REPLICAS][&proto-max-bulk-len=BYTES]";

    /** Parses the endpoint; a malformed one is a UserError whose message never holds the password. */
    static RedisEndpoint parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new UserError("not a Redis endpoint (scheme " + scheme + "): expected " + FORM);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new UserError("the Redis endpoint has no host: expected " + FORM);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();

        /* The user info is "password", ":password" or "user:password"; getUserInfo() has already decoded %xx. */
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = userInfo;
            } else {
                user = colon == 0 ? null : userInfo.substring(0, colon);
                password = userInfo.substring(colon + 1);
            }
        }

        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new UserError(
                        "the Redis endpoint's path must be a database number, not " + path + ": expected " + FORM);
            }
        }

        Duration timeToLive = null;
        int waitReplicas = 0;
        long protoMaxBulkLen = 0;
        String query = uri.getQuery();
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                switch (name) {
                    case "ttl" -> {
                        try {
                            timeToLive = Duration.ofSeconds(Long.parseLong(value));
                        } catch (NumberFormatException e) {
                            throw new UserError("ttl must be a whole number of seconds, not " + value);
                        }
                        if (timeToLive.isNegative() || timeToLive.isZero()) {
                            throw new UserError("ttl must be at least 1 second, not " + value);
                        }
                    }
                    case "wait" -> {
                        try {
                            waitReplicas = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new UserError("wait must be a number of replicas, not " + value);
                        }
                        if (waitReplicas < 0 || waitReplicas > 16) {
                            throw new UserError("wait must be 0 to 16 replicas, not " + value);
                        }
                    }
                    case "proto-max-bulk-len" -> {
                        try {
                            protoMaxBulkLen = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new UserError("proto-max-bulk-len must be a number of bytes, not " + value);
                        }
                        if (protoMaxBulkLen <= ObjectHeader.LENGTH) {
                            throw new UserError("proto-max-bulk-len must be more than " + ObjectHeader.LENGTH
                                    + " bytes (the header in front of each object), not " + value);
                        }
                    }
                    default ->
                        throw new UserError("unknown parameter " + name + " in the Redis endpoint: expected " + FORM);
                }
            }
        }
        return new RedisEndpoint(
                scheme.equals("rediss"),
                host,
                port,
                database,
                user,
                password,
                timeToLive,
                waitReplicas,
                protoMaxBulkLen);
    }

    /** The endpoint for output: scheme, host, port and database, never the credentials. */
    String printable() {
        return (tls ? "rediss" : "redis") + "://" + host + ":" + port + (database == 0 ? "" : "/" + database);
    }

    /** Lettuce's form of the endpoint, with the command timeout. */
    RedisURI toRedisUri(Duration timeout) {
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(host)
                .withPort(port)
                .withSsl(tls)
                .withDatabase(database)
                .withTimeout(timeout);
        if (password != null && user == null) {
            builder.withPassword(password);
        } else if (password != null) {
            builder.withAuthentication(user, password);
        }
        return builder.build();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return printable();
    }
}
