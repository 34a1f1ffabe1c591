package objectstore.provisioning;

import java.util.List;
import objectstore.connection.Target;

/**
 * The store a run uses: how to reach it, what it is, and how to let it go (stopping it if this run started it). For
 * Redis the target's URI may carry a password: print {@link StoreInfo#endpoint()}.
 */
public record ProvisionedStore(Target target, StoreInfo info, AutoCloseable owned) implements AutoCloseable {

    /** The processes of a store this run started (to read their CPU time), else none. */
    public List<Long> serverPids() {
        return owned instanceof LocalServer server ? server.pids() : List.of();
    }

    /** Stops the store if this run started it. */
    @Override
    public void close() {
        Stores.closeQuietly(owned);
    }
}
