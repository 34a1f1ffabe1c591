package objectstore.store;

/** A key DeleteObjects could not delete, with the store's error code and message. */
public record DeleteError(String key, String code, String message) {}
