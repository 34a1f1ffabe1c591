package objectstore.store;

/** ETags as the API hands them out: without the quotes S3 puts around them. */
public final class ETags {

    private ETags() {}

    /** {@code "abc"} becomes {@code abc}; a value without a quote at both ends, or null, is returned as it is. */
    public static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
