package objectstore.provisioning;

/**
 * Which store a run measured: how it was found ({@code embedded}, {@code external}, {@code container}),
 * the product and version, its backend and its endpoint. Every result carries one.
 */
public record StoreInfo(String kind, String product, String backend, String endpoint) {

    /** The run's first line, e.g. {@code store: embedded S3Proxy 4.0.0 (filesystem) at http://127.0.0.1:41234}. */
    public String line() {
        return "store: " + kind + " " + product + (backend == null ? "" : " (" + backend + ")") + " at " + endpoint;
    }
}
