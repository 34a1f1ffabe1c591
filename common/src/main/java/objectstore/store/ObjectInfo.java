package objectstore.store;

import java.time.Instant;

/** An object's key and metadata, as HeadObject and ListObjectsV2 return them. */
public record ObjectInfo(String key, long size, String eTag, Instant lastModified) {}
