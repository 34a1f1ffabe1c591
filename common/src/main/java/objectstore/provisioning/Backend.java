package objectstore.provisioning;

/** Where the embedded S3Proxy keeps objects: on disk under target/, or in its own memory. */
public enum Backend {
    /** jclouds {@code filesystem-nio2}: objects are files under target/. */
    DISK("filesystem-nio2", "filesystem"),
    /** jclouds {@code transient-nio2}: objects live in the server's heap; faster, gone when it stops. */
    MEMORY("transient-nio2", "memory");

    private final String jcloudsProvider;
    private final String label;

    Backend(String jcloudsProvider, String label) {
        this.jcloudsProvider = jcloudsProvider;
        this.label = label;
    }

    /** The jclouds provider S3Proxy is given. */
    public String jcloudsProvider() {
        return jcloudsProvider;
    }

    /** The name results use: {@code filesystem} or {@code memory}. */
    public String label() {
        return label;
    }
}
