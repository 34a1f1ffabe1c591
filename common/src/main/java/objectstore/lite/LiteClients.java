package objectstore.lite;

import java.net.URI;

import objectstore.common.Credentials;
import objectstore.common.UserError;
import objectstore.store.ObjectStore;

/** Opens the lite client that fits an endpoint's scheme. */
public final class LiteClients {

    private LiteClients() {
    }

    /**
     * {@code http://} and {@code https://} open a {@link LiteS3Client}; {@code redis://} and
     * {@code rediss://} are for the Redis facade; any other scheme is a {@link UserError}.
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
                    .build();
            // The Redis facade plugs in here (chapter 08); until then a redis:// endpoint is a clear error.
            case "redis", "rediss" -> throw new UserError("redis:// endpoints need the Redis facade");
            default -> throw new UserError("endpoint " + endpoint + " has scheme '" + scheme
                    + "'; use http://, https://, redis:// or rediss://");
        };
    }
}
