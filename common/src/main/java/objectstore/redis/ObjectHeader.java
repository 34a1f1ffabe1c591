package objectstore.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import objectstore.store.ObjectInfo;

/**
 * The 45 bytes in front of each stored object's bytes: its ETag (32 hex digits of the MD5) and its last-modified time
 * (13 decimal digits of milliseconds since the epoch, from the Redis server's clock, written by the INDEX script). The
 * metadata rides in the object's own string, so the two are written, expired and deleted together; the size is STRLEN
 * less the header.
 */
final class ObjectHeader {

    /** The header's length in bytes. */
    static final int LENGTH = 45;

    /** Where the last-modified time starts: after the 32 hex digits of the ETag. */
    static final int TIME_OFFSET = 32;

    /** {@link #LENGTH} and {@link #TIME_OFFSET} as script arguments. */
    static final byte[] LENGTH_ARGUMENT = Integer.toString(LENGTH).getBytes(UTF_8);

    static final byte[] TIME_OFFSET_ARGUMENT = Integer.toString(TIME_OFFSET).getBytes(UTF_8);

    /** Each thread's MD5: looked up once, not on every put (digest() resets it for the next use). */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    });

    private ObjectHeader() {}

    /** The ETag S3 gives a single-part upload: the hex MD5 of the bytes. */
    static String eTag(byte[] data) {
        return HexFormat.of().formatHex(MD5.get().digest(data));
    }

    /** The value a PUT's SET writes: the ETag, 13 zeros the INDEX script overwrites with the time, then the data. */
    static byte[] stored(String eTag, byte[] data) {
        byte[] stored = new byte[LENGTH + data.length];
        eTag.getBytes(0, TIME_OFFSET, stored, 0);
        Arrays.fill(stored, TIME_OFFSET, LENGTH, (byte) '0');
        System.arraycopy(data, 0, stored, LENGTH, data.length);
        return stored;
    }

    /** What HeadObject and a listing say of an object: its key, its size, and what its header holds. */
    static ObjectInfo info(String key, byte[] header, long size) {
        String eTag = new String(header, 0, TIME_OFFSET, US_ASCII);
        long millis = 0;
        for (int i = TIME_OFFSET; i < LENGTH; i++) {
            millis = millis * 10 + (header[i] - '0');
        }
        return new ObjectInfo(key, size, eTag, Instant.ofEpochMilli(millis));
    }
}
