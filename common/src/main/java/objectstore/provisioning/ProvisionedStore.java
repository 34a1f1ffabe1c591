package objectstore.provisioning;

import objectstore.connection.Target;

/**
 * The store a run uses: how to reach it, what it is, and how to let it go (stopping it if this run
 * started it). For Redis the target's URI may carry a password: print {@link StoreInfo#endpoint()}.
 */
public record ProvisionedStore(Target target, StoreInfo info, AutoCloseable owned) implements AutoCloseable {

    /** Stops the store if this run started it. */
    @Override
    public void close() {
        Stores.closeQuietly(owned);
    }
}
