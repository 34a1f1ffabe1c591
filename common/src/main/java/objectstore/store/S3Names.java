package objectstore.store;

/**
 * S3's rules for bucket names and object keys, checked the same way by every client before it sends anything.
 *
 * <p>A name that breaks them fails the call with an {@link IllegalArgumentException} whose message says which rule,
 * e.g. {@code invalid bucket name 'a..b': it must not contain '..'}: a mistake in the caller's input, not an answer of
 * the store.
 */
public final class S3Names {

    private S3Names() {}

    /**
     * Throws an {@link IllegalArgumentException} naming the problem with {@code bucket}, or with {@code key} when it is
     * not null.
     */
    public static void check(String bucket, String key) {
        String problem = bucketProblem(bucket);
        if (problem == null && key != null) {
            problem = keyProblem(key);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Why a bucket name breaks S3's rules, or null when it is valid: 3 to 63 characters of lowercase letters, digits,
     * '.' and '-', starting and ending with a letter or digit, no "..", not an IP address.
     */
    public static String bucketProblem(String bucket) {
        if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
            return "invalid bucket name '" + bucket + "': it must be 3 to 63 characters long";
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
            if (!allowed) {
                return "invalid bucket name '" + bucket + "': only lowercase letters, digits, '.' and '-' are allowed";
            }
        }
        if (!isAlphanumeric(bucket.charAt(0)) || !isAlphanumeric(bucket.charAt(bucket.length() - 1))) {
            return "invalid bucket name '" + bucket + "': it must start and end with a letter or digit";
        }
        if (bucket.contains("..")) {
            return "invalid bucket name '" + bucket + "': it must not contain '..'";
        }
        if (looksLikeIpAddress(bucket)) {
            return "invalid bucket name '" + bucket + "': it must not look like an IP address";
        }
        return null;
    }

    /** Why a key cannot be stored, or null: empty, over 1,024 UTF-8 bytes, or not valid UTF-16. */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "invalid key: it must not be empty";
        }
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return "invalid key: unpaired surrogate at index " + i + " has no UTF-8 form";
            } else {
                bytes += 3;
            }
        }
        if (bytes > 1024) {
            return "invalid key: " + bytes + " UTF-8 bytes, S3 allows at most 1,024";
        }
        return null;
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /**
     * Four groups of one to three digits joined by dots ("192.168.5.4"): read in one pass, since every request checks
     * its bucket.
     */
    private static boolean looksLikeIpAddress(String s) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0 && groups == 3;
    }
}
