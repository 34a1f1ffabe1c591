package objectstore.tools;

import objectstore.util.CommandLines;
import picocli.CommandLine.ITypeConverter;

/**
 * An {@code s3://bucket/key} argument of lite-s3; the key is everything after the first '/' following the bucket, taken
 * literally. The converters say which form a verb takes: a bucket, an object, or either.
 */
record S3Location(String bucket, String key) {

    /** {@code s3://bucket[/prefix]}, as {@code ls} takes it. */
    static final class Any implements ITypeConverter<S3Location> {
        @Override
        public S3Location convert(String text) {
            return parse(text);
        }
    }

    /** {@code s3://bucket}, and no key. */
    static final class BucketOnly implements ITypeConverter<S3Location> {
        @Override
        public S3Location convert(String text) {
            S3Location location = parse(text);
            if (!location.key.isEmpty()) {
                throw new CommandLines.BadValue(
                        "'" + text + "' names a key; this verb takes a bucket only: s3://" + location.bucket);
            }
            return location;
        }
    }

    /** {@code s3://bucket/key}, with a key. */
    static final class WithKey implements ITypeConverter<S3Location> {
        @Override
        public S3Location convert(String text) {
            S3Location location = parse(text);
            if (location.key.isEmpty()) {
                throw new CommandLines.BadValue(
                        "'" + text + "' names no key; write s3://" + location.bucket + "/KEY, with a key");
            }
            return location;
        }
    }

    private static S3Location parse(String text) {
        if (!text.startsWith("s3://")) {
            throw new CommandLines.BadValue("'" + text + "' is not an s3:// URI; write s3://bucket/key");
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new CommandLines.BadValue("'" + text + "' names no bucket; write s3://bucket/key");
        }
        return new S3Location(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
    }
}
