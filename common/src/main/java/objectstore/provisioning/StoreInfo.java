package objectstore.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Which store a run measured: how it was found ({@code embedded}, {@code external}, {@code container}), the product and
 * version, its backend and its endpoint, and for a Redis Cluster its shape. Every result carries one.
 */
public record StoreInfo(
        String kind,
        String product,
        String backend,
        String endpoint,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cluster cluster) {

    /** A store that is not a cluster. */
    public StoreInfo(String kind, String product, String backend, String endpoint) {
        this(kind, product, backend, endpoint, null);
    }

    /**
     * A Redis Cluster: how many masters serve its slots, and how many of the run's keys each held at the end of the
     * first counted PUT phase (null until then), in slot order.
     */
    public record Cluster(
            int masters,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> keysPerMaster) {}

    /** This store with the keys each master held. */
    public StoreInfo withKeysPerMaster(List<Long> keysPerMaster) {
        return new StoreInfo(
                kind, product, backend, endpoint, new Cluster(keysPerMaster.size(), List.copyOf(keysPerMaster)));
    }

    /** The run's first line, e.g. {@code store: embedded S3Proxy 4.0.0 (filesystem) at http://127.0.0.1:41234}. */
    public String line() {
        return "store: " + kind + " " + product + (backend == null ? "" : " (" + backend + ")") + " at " + endpoint;
    }
}
