package objectstore.clients;

import java.net.URI;
import objectstore.connection.Target;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;
import objectstore.store.UserError;

/**
 * Opens the client that fits an endpoint's scheme: above both the lite HTTP client and the Redis facade, so that
 * neither knows the other (the HTTP client's package has no Lettuce in it).
 */
public final class StoreClients {

    private StoreClients() {}

    /**
     * {@code http://} and {@code https://} open a {@link LiteS3Client}; {@code redis://} and {@code rediss://} open the
     * {@link RedisObjectStore} facade, with the same {@link LiteSettings#maxInFlight()}; any other scheme is a
     * {@link UserError}.
     */
    public static ObjectStore open(Target target, LiteSettings settings) {
        URI endpoint = target.endpoint();
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        return switch (scheme) {
            case "http", "https" -> LiteS3Client.open(target, settings);
            // The same API over Redis (chapter 08): the credentials are in the URI, redis://:password@host:port.
            // The facade honours the same limit on requests in flight; its timeout is the request timeout.
            case "redis", "rediss" ->
                RedisObjectStore.open(endpoint, settings.requestTimeout(), settings.maxInFlight());
            default ->
                throw new UserError("endpoint " + endpoint + " has scheme '" + scheme
                        + "'; use http://, https://, redis:// or rediss://");
        };
    }
}
