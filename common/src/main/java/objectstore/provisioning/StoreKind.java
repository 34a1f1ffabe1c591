package objectstore.provisioning;

/** What a chapter runs on, and so how its bucket is made and removed. */
public enum StoreKind {
    /** An S3 store; the bucket is created and purged with the lite client. */
    S3,
    /** Redis with plain keys {@code bucket/uuid}; the bucket is a key prefix, removed with SCAN and UNLINK. */
    REDIS_KEYS,
    /** Redis through the lite client's S3 facade; the bucket is created and purged through it. */
    REDIS_OBJECTS
}
