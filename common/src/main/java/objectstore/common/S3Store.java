package objectstore.common;

/** The S3 store a run uses: how to reach it, what it is, and how to let it go (stopping it if we started it). */
public final class S3Store implements AutoCloseable {

    private final S3Target target;
    private final StoreInfo info;
    private final AutoCloseable owned;

    S3Store(S3Target target, StoreInfo info, AutoCloseable owned) {
        this.target = target;
        this.info = info;
        this.owned = owned;
    }

    /** Endpoint, credentials and region for clients. */
    public S3Target target() {
        return target;
    }

    /** Kind, product, backend and endpoint, for output and results. */
    public StoreInfo info() {
        return info;
    }

    /** Stops the store if this run started it. */
    @Override
    public void close() {
        Stores.closeQuietly(owned);
    }
}
