package objectstore.lite;

import java.net.URI;

import objectstore.common.Credentials;
import objectstore.common.UserError;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;

/** Opens the lite client that fits an endpoint's scheme. */
public final class LiteClients {

    private LiteClients() {
    }

    /**
     * {@code http://} and {@code https://} open a {@link LiteS3Client}; {@code redis://} and
     * {@code rediss://} open the {@link RedisObjectStore} facade; any other scheme is a {@link UserError}.
     */
    public static ObjectStore open(URI endpoint, Credentials credentials, LiteSettings settings) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        return switch (scheme) {
            case "http", "https" -> LiteS3Client.builder()
                    .endpoint(endpoint)
                    .credentials(credentials)
                    .region(settings.region())
                    .maxConnections(settings.maxConnections())
                    .pathStyle(settings.pathStyle())
                    .unsignedPayload(settings.unsignedPayload())
                    .requestTimeout(settings.requestTimeout())
                    .connectTimeout(settings.connectTimeout())
                    .readTimeout(settings.readTimeout())
                    .retries(settings.maxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay())
                    .build();
            // The same API over Redis (chapter 08): the credentials are in the URI, redis://:password@host:port.
            case "redis", "rediss" -> RedisObjectStore.open(endpoint, settings.requestTimeout());
            default -> throw new UserError("endpoint " + endpoint + " has scheme '" + scheme
                    + "'; use http://, https://, redis:// or rediss://");
        };
    }
}
