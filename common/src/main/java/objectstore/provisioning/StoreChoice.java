package objectstore.provisioning;

/** How a run finds its store: {@code --store auto|external|embedded|container|cluster}. */
public enum StoreChoice {
    /** A configured endpoint, else a server on the default port, else an embedded one. */
    AUTO,
    /** A configured endpoint, or a server on the default port; never start one. */
    EXTERNAL,
    /** Always start an embedded store as a child process. */
    EMBEDDED,
    /** A Docker container through Testcontainers. */
    CONTAINER,
    /** An embedded Redis Cluster: three masters on loopback (the Redis chapters 06, 07 and 08 only). */
    CLUSTER
}
