package objectstore.common;

import java.net.URI;

/** The Redis server a run uses: its URI (which may carry a password: never print it) and what it is. */
public final class RedisStore implements AutoCloseable {

    private final URI uri;
    private final StoreInfo info;
    private final AutoCloseable owned;

    RedisStore(URI uri, StoreInfo info, AutoCloseable owned) {
        this.uri = uri;
        this.info = info;
        this.owned = owned;
    }

    /** The URI to connect with, password included. */
    public URI uri() {
        return uri;
    }

    /** Kind, product and endpoint (without the password), for output and results. */
    public StoreInfo info() {
        return info;
    }

    /** Stops the server if this run started it. */
    @Override
    public void close() {
        Stores.closeQuietly(owned);
    }
}
