package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStoreException;

/**
 * ListObjectsV2 over an index: with every score 0 Redis orders members by their bytes, which is S3's order, so one
 * ZRANGEBYLEX from {@code [prefix} to {@code [prefix\xff} reads a page of the keys under a prefix in order, with no
 * glob pattern anywhere (0xFF never occurs in UTF-8, so the upper bound is exact). A continuation token is the last key
 * returned, base64url; the next page starts just after it.
 */
final class Listing {

    /** The most keys one page may ask for, as on S3. */
    static final int MAX_KEYS = 1000;

    private Listing() {}

    /** A ZRANGEBYLEX range: its min and its max, each with its '[' or '(' (or "+", the end). */
    record Range(byte[] min, byte[] max) {}

    /**
     * The range of one page: from "[prefix" or just after the continuation token's key, whichever is later, to
     * "[prefix\xff", or to the end when there is no prefix. A bad token is InvalidArgument.
     */
    static Range range(String prefix, String continuationToken) {
        byte[] prefixBytes = prefix == null ? new byte[0] : prefix.getBytes(UTF_8);
        byte[] min = bound('[', prefixBytes, false);
        if (continuationToken != null) {
            byte[] lastKey = decodeToken(continuationToken);
            if (Arrays.compareUnsigned(lastKey, prefixBytes) >= 0) {
                min = after(lastKey);
            }
        }
        byte[] max = prefixBytes.length == 0 ? new byte[] {'+'} : bound('[', prefixBytes, true);
        return new Range(min, max);
    }

    /** The bound just after {@code key}: "(key". */
    static byte[] after(byte[] key) {
        return bound('(', key, false);
    }

    /** The key of an exclusive bound made by {@link #after}. */
    static byte[] keyAfter(byte[] bound) {
        return Arrays.copyOfRange(bound, 1, bound.length);
    }

    /** The page of a LIST script's answer for maxKeys + 1 objects: maxKeys of them, truncated if one more came. */
    static ListPage page(List<Object> reply, int maxKeys) {
        List<Entry> entries = entries(reply);
        return page(entries, Math.min(entries.size(), maxKeys), entries.size() > maxKeys);
    }

    /** The first {@code count} of {@code entries}, in order; a continuation token after the last if truncated. */
    static ListPage page(List<Entry> entries, int count, boolean truncated) {
        List<ObjectInfo> objects = new ArrayList<>(count);
        for (Entry entry : entries.subList(0, count)) {
            objects.add(ObjectHeader.info(new String(entry.key(), UTF_8), entry.header(), entry.size()));
        }
        String token = truncated
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(entries.get(count - 1).key())
                : null;
        return new ListPage(objects, token);
    }

    /** A LIST script's answer, a flat array of member, header, size, as entries. */
    static List<Entry> entries(List<Object> reply) {
        int found = reply.size() / 3;
        List<Entry> entries = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            entries.add(
                    new Entry((byte[]) reply.get(3 * i), (byte[]) reply.get(3 * i + 1), (Long) reply.get(3 * i + 2)));
        }
        return entries;
    }

    /** One listed object: its key's bytes, its header, its size. */
    record Entry(byte[] key, byte[] header, long size) {}

    /** A ZRANGEBYLEX bound: '[' (inclusive) or '(' (exclusive), the bytes, and 0xFF after them when {@code upper}. */
    private static byte[] bound(char kind, byte[] bytes, boolean upper) {
        byte[] bound = new byte[1 + bytes.length + (upper ? 1 : 0)];
        bound[0] = (byte) kind;
        System.arraycopy(bytes, 0, bound, 1, bytes.length);
        if (upper) {
            bound[bound.length - 1] = (byte) 0xFF;
        }
        return bound;
    }

    private static byte[] decodeToken(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new ObjectStoreException(
                    "InvalidArgument", 400, "the continuation token is not one this store gave", null);
        }
    }
}
