package objectstore.lite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import objectstore.connection.Credentials;

/**
 * AWS Signature Version 4, the fast way: the same steps as {@link SigV4Reference}, without needless allocation.
 *
 * <p>One signer serves one access key, region and service, from any number of threads. The request path is spent where
 * it matters: the signing key is derived once a day, the credential scope is built once with it, the x-amz-date string
 * once a second, and each thread keeps its own {@code Mac}, {@code MessageDigest} and text buffers. The canonical
 * request is hashed from one reused {@code StringBuilder}, hex goes through a lookup table, and headers are sorted by
 * index, in place.
 */
public final class SigV4Signer implements SigV4 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private final String accessKeyId;
    private final byte[] secretKeyBytes;
    private final String sessionToken;
    private final String region;
    private final String service;

    /*
     * Two small caches, each one immutable holder behind a volatile field: a thread reads the holder,
     * checks its key (the day, the second) and either uses it or builds and publishes a new one. Two
     * threads racing at midnight both derive the key; both results are right, one wins. No locks.
     */
    private volatile SigningKey signingKey;
    private volatile AmzDate lastDate;

    /** The day's signing key and the strings built from it. */
    private record SigningKey(
            String day,
            byte[] key,
            String scope,
            String credential,
            String authorizationPrefix,
            String presignedQueryPrefix) {}

    /** An epoch second and its x-amz-date spelling. */
    private record AmzDate(long epochSecond, String text) {}

    /** Creates a signer for these credentials, region and service (S3's is {@code s3}). */
    public SigV4Signer(Credentials credentials, String region, String service) {
        this.accessKeyId = credentials.accessKeyId();
        this.secretKeyBytes = ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        this.sessionToken = credentials.sessionToken();
        this.region = region;
        this.service = service;
    }

    @Override
    public Signature sign(Request request, long epochSecond) {
        String amzDate = amzDate(epochSecond);
        SigningKey key = signingKey(amzDate);
        request.header("x-amz-date", amzDate);
        if (request.contentSha256Header) {
            request.header("x-amz-content-sha256", request.payloadHash);
        }
        if (sessionToken != null && !request.omitSessionToken) {
            request.header("x-amz-security-token", sessionToken);
        }
        Scratch scratch = Scratch.get();
        int[] headerOrder = sortedHeaderOrder(request);
        String query = canonicalQuery(request, scratch);
        String signedHeaders = signedHeaders(request, headerOrder, scratch);
        return finish(request, headerOrder, key, amzDate, query, signedHeaders, scratch, false);
    }

    @Override
    public Signature presign(Request request, long epochSecond, long expiresSeconds) {
        SigV4.checkExpiry(expiresSeconds);
        String amzDate = amzDate(epochSecond);
        SigningKey key = signingKey(amzDate);
        Scratch scratch = Scratch.get();
        int[] headerOrder = sortedHeaderOrder(request);
        String signedHeaders = signedHeaders(request, headerOrder, scratch);
        String query;
        if (request.queryNames.isEmpty() && (sessionToken == null || request.omitSessionToken)) {
            /*
             * A request with no query of its own (a GET, HEAD or DELETE of an object) gets the same five
             * parameters every time, already in canonical order (Algorithm, Credential, Date, Expires,
             * SignedHeaders): the day's key holds the first two encoded, so only the rest is written.
             */
            StringBuilder text = scratch.text;
            text.setLength(0);
            text.append(key.presignedQueryPrefix)
                    .append(amzDate)
                    .append("&X-Amz-Expires=")
                    .append(expiresSeconds)
                    .append("&X-Amz-SignedHeaders=");
            uriEncode(signedHeaders, false, text);
            query = text.toString();
        } else {
            request.query("X-Amz-Algorithm", ALGORITHM);
            request.query("X-Amz-Credential", key.credential);
            request.query("X-Amz-Date", amzDate);
            request.query("X-Amz-Expires", Long.toString(expiresSeconds));
            request.query("X-Amz-SignedHeaders", signedHeaders);
            if (sessionToken != null && !request.omitSessionToken) {
                request.query("X-Amz-Security-Token", sessionToken);
            }
            query = canonicalQuery(request, scratch);
        }
        return finish(request, headerOrder, key, amzDate, query, signedHeaders, scratch, true);
    }

    /** Builds the canonical request and the string to sign, and computes the signature. */
    private Signature finish(
            Request request,
            int[] headerOrder,
            SigningKey key,
            String amzDate,
            String query,
            String signedHeaders,
            Scratch scratch,
            boolean presigned) {
        /*
         * The canonical request, in one StringBuilder:
         *   METHOD \n PATH \n QUERY \n name:value\n ... \n SIGNED;HEADERS \n PAYLOAD-HASH
         * It is hashed straight from the builder; a String is made only when a test asks for it.
         */
        StringBuilder text = scratch.text;
        text.setLength(0);
        text.append(request.method)
                .append('\n')
                .append(request.canonicalUri)
                .append('\n')
                .append(query)
                .append('\n');
        appendCanonicalHeaders(request, headerOrder, text);
        text.append('\n').append(signedHeaders).append('\n').append(request.payloadHash);
        String canonicalRequest = request.keepSteps ? text.toString() : null;
        MessageDigest sha256 = scratch.sha256;
        scratch.update(sha256, text);
        byte[] canonicalHash = sha256.digest();

        // The string to sign: algorithm, date, scope and the canonical request's hash.
        text.setLength(0);
        text.append(ALGORITHM)
                .append('\n')
                .append(amzDate)
                .append('\n')
                .append(key.scope)
                .append('\n');
        appendHex(canonicalHash, text);
        String stringToSign = request.keepSteps ? text.toString() : null;
        Mac mac = scratch.macFor(key.key);
        scratch.update(mac, text);
        String signature = hex(mac.doFinal(), scratch);

        if (presigned) {
            return new Signature(
                    amzDate,
                    signedHeaders,
                    signature,
                    null,
                    query + "&X-Amz-Signature=" + signature,
                    canonicalRequest,
                    stringToSign);
        }
        String authorization = key.authorizationPrefix + signedHeaders + ", Signature=" + signature;
        return new Signature(amzDate, signedHeaders, signature, authorization, query, canonicalRequest, stringToSign);
    }

    /** The day's signing key: HMAC chain over date, region, service and "aws4_request", derived once a day. */
    // tag::signing-key[]
    private SigningKey signingKey(String amzDate) {
        SigningKey current = signingKey;
        if (current != null && amzDate.startsWith(current.day)) {
            return current;
        }
        String day = amzDate.substring(0, 8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = secretKeyBytes;
            for (String part : new String[] {day, region, service, "aws4_request"}) {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
            }
            String scope = day + "/" + region + "/" + service + "/aws4_request";
            String credential = accessKeyId + "/" + scope;
            StringBuilder encodedCredential = new StringBuilder();
            uriEncode(credential, false, encodedCredential);
            SigningKey derived = new SigningKey(
                    day,
                    key,
                    scope,
                    credential,
                    ALGORITHM + " Credential=" + credential + ", SignedHeaders=",
                    "X-Amz-Algorithm=" + ALGORITHM + "&X-Amz-Credential=" + encodedCredential + "&X-Amz-Date=");
            signingKey = derived;
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
    // end::signing-key[]

    /** Formats epoch seconds as x-amz-date ({@code 20150830T123600Z}), reusing the last second's string. */
    private String amzDate(long epochSecond) {
        AmzDate last = lastDate;
        if (last != null && last.epochSecond == epochSecond) {
            return last.text;
        }
        /* Days since 1970 to a civil date (Howard Hinnant's algorithm): no formatter, no calendar objects. */
        long days = Math.floorDiv(epochSecond, 86400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86400);
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] c = new char[16];
        digits(c, 0, year, 4);
        digits(c, 4, month, 2);
        digits(c, 6, day, 2);
        c[8] = 'T';
        digits(c, 9, secondOfDay / 3600, 2);
        digits(c, 11, secondOfDay / 60 % 60, 2);
        digits(c, 13, secondOfDay % 60, 2);
        c[15] = 'Z';
        String text = new String(c);
        lastDate = new AmzDate(epochSecond, text);
        return text;
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /*
     * Canonical headers: names lowercased (done when added), sorted; the values of a repeated name
     * joined with ',' in the order they were added; each value trimmed, inner runs of whitespace
     * collapsed to one space. Requests hold a handful of headers, so an insertion sort of indexes does.
     */

    private static String signedHeaders(Request request, int[] order, Scratch scratch) {
        StringBuilder names = scratch.names;
        names.setLength(0);
        String previous = null;
        for (int index : order) {
            String name = request.headerNames.get(index);
            if (!name.equals(previous)) {
                if (previous != null) {
                    names.append(';');
                }
                names.append(name);
                previous = name;
            }
        }
        return names.toString();
    }

    private static void appendCanonicalHeaders(Request request, int[] order, StringBuilder text) {
        String previous = null;
        for (int index : order) {
            String name = request.headerNames.get(index);
            if (name.equals(previous)) {
                text.append(',');
            } else {
                if (previous != null) {
                    text.append('\n');
                }
                text.append(name).append(':');
                previous = name;
            }
            appendTrimmed(request.headerValues.get(index), text);
        }
        if (previous != null) {
            text.append('\n');
        }
    }

    /**
     * The indexes of the request's headers in name order; stable, so a repeated name keeps its values in the order
     * added.
     */
    private static int[] sortedHeaderOrder(Request request) {
        ArrayList<String> names = request.headerNames;
        int[] order = new int[names.size()];
        for (int i = 0; i < order.length; i++) {
            int j = i - 1;
            String name = names.get(i);
            while (j >= 0 && names.get(order[j]).compareTo(name) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = i;
        }
        return order;
    }

    private static void appendTrimmed(String value, StringBuilder text) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                pendingSpace = true;
            } else {
                if (pendingSpace) {
                    text.append(' ');
                    pendingSpace = false;
                }
                text.append(c);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /*
     * The canonical query string: every name and value URI-encoded (see uriEncode), pairs sorted by
     * encoded name, then by encoded value, joined as name=value with '&'. A name without a value is
     * "name=". The same string goes on the wire, so the server sees the order we signed.
     */

    private static String canonicalQuery(Request request, Scratch scratch) {
        int count = request.queryNames.size();
        if (count == 0) {
            return "";
        }
        StringBuilder text = scratch.text;
        String[] names = new String[count];
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            text.setLength(0);
            uriEncode(request.queryNames.get(i), false, text);
            names[i] = text.toString();
            text.setLength(0);
            uriEncode(request.queryValues.get(i), false, text);
            values[i] = text.toString();
        }
        for (int i = 1; i < count; i++) {
            String name = names[i];
            String value = values[i];
            int j = i - 1;
            while (j >= 0
                    && (names[j].compareTo(name) > 0 || names[j].equals(name) && values[j].compareTo(value) > 0)) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = name;
            values[j + 1] = value;
        }
        text.setLength(0);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append('&');
            }
            text.append(names[i]).append('=').append(values[i]);
        }
        return text.toString();
    }

    /*
     * URI encoding as SigV4 defines it: every UTF-8 byte but A-Z a-z 0-9 - _ . ~ becomes %XY (upper-case
     * hex); '/' is kept in paths. A space is %20, never '+'. S3 object keys are encoded exactly once and
     * never normalized: "a//b/./c/../d" keeps every slash and dot, because those are part of the key.
     */

    /** Appends {@code s} URI-encoded to {@code out}, keeping '/' when {@code keepSlash}. */
    public static void uriEncode(CharSequence s, boolean keepSlash, StringBuilder out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (isUnreserved(c) || c == '/' && keepSlash) {
                    out.append(c);
                } else {
                    percent(c, out);
                }
            } else if (c < 0x800) {
                percent(0xc0 | c >> 6, out);
                percent(0x80 | c & 0x3f, out);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                percent(0xf0 | codePoint >> 18, out);
                percent(0x80 | codePoint >> 12 & 0x3f, out);
                percent(0x80 | codePoint >> 6 & 0x3f, out);
                percent(0x80 | codePoint & 0x3f, out);
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i + " cannot be encoded as UTF-8");
            } else {
                percent(0xe0 | c >> 12, out);
                percent(0x80 | c >> 6 & 0x3f, out);
                percent(0x80 | c & 0x3f, out);
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }

    private static void percent(int b, StringBuilder out) {
        out.append('%').append(UPPER_HEX[b >> 4 & 0xf]).append(UPPER_HEX[b & 0xf]);
    }

    /** The lower-case hex SHA-256 of {@code data}: the x-amz-content-sha256 of a signed payload. */
    public static String sha256Hex(byte[] data) {
        Scratch scratch = Scratch.get();
        return hex(scratch.sha256.digest(data), scratch);
    }

    /** Hex through a lookup table into the thread's byte buffer; one String made from it. */
    private static String hex(byte[] bytes, Scratch scratch) {
        byte[] out = scratch.hex.length >= bytes.length * 2 ? scratch.hex : new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[bytes[i] >> 4 & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out, 0, bytes.length * 2, StandardCharsets.ISO_8859_1);
    }

    private static void appendHex(byte[] bytes, StringBuilder text) {
        for (byte b : bytes) {
            text.append((char) HEX[b >> 4 & 0xf]).append((char) HEX[b & 0xf]);
        }
    }

    /** Each thread's reusable tools: no Mac, digest or buffer is made per request. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

        final StringBuilder text = new StringBuilder(1024);
        final StringBuilder names = new StringBuilder(128);
        final byte[] utf8 = new byte[1024];
        final byte[] hex = new byte[64];
        /** How many bytes of {@code utf8} the last encodeUtf8 call filled. */
        int filled;

        final MessageDigest sha256;
        final Mac mac;
        byte[] macKey;

        private Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks SHA-256 or HmacSHA256", e);
            }
        }

        static Scratch get() {
            return PER_THREAD.get();
        }

        /** The thread's Mac, keyed with {@code key}; re-keyed only when the key changes (once a day). */
        Mac macFor(byte[] key) {
            if (macKey != key) {
                try {
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                macKey = key;
            }
            return mac;
        }

        /** Feeds {@code text} as UTF-8 to a digest, through the thread's byte buffer. */
        void update(MessageDigest digest, CharSequence text) {
            for (int next = 0; next < text.length(); ) {
                next = encodeUtf8(text, next);
                digest.update(utf8, 0, filled);
            }
        }

        /** Feeds {@code text} as UTF-8 to a Mac, through the thread's byte buffer. */
        void update(Mac target, CharSequence text) {
            for (int next = 0; next < text.length(); ) {
                next = encodeUtf8(text, next);
                target.update(utf8, 0, filled);
            }
        }

        /**
         * Encodes {@code text} from index {@code from} into {@code utf8} until it is full; sets {@code filled}, returns
         * where to go on.
         */
        private int encodeUtf8(CharSequence text, int from) {
            byte[] out = utf8;
            int at = 0;
            int length = text.length();
            int i = from;
            for (; i < length && at <= out.length - 4; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    out[at++] = (byte) c;
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xc0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    out[at++] = (byte) (0xf0 | codePoint >> 18);
                    out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                    out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                    out[at++] = (byte) (0x80 | codePoint & 0x3f);
                } else if (Character.isSurrogate(c)) {
                    out[at++] = '?';
                } else {
                    out[at++] = (byte) (0xe0 | c >> 12);
                    out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                }
            }
            filled = at;
            return i;
        }
    }
}
