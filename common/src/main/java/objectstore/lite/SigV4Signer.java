package objectstore.lite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.BiConsumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import objectstore.connection.Credentials;

/**
 * AWS Signature Version 4, header signing and query (presigned URL) signing, with the JDK alone.
 *
 * <p>One signer serves one access key, region and service, from any number of threads. The request
 * path is spent where it matters: the signing key is derived once a day, the credential scope is
 * built once with it, and each thread keeps its own {@code Mac}, {@code MessageDigest} and text buffer.
 */
public final class SigV4Signer {

    /** The only algorithm this signer speaks. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The payload hash that tells S3 the body is not part of the signature. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** The SHA-256 of no bytes, the payload hash of a GET, HEAD or DELETE. */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The longest a presigned URL may live: seven days. */
    public static final long MAX_PRESIGN_SECONDS = 7L * 24 * 3600;

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
    private record SigningKey(String day, byte[] key, String scope, String credential, String authorizationPrefix) {
    }

    /** An epoch second and its x-amz-date spelling. */
    private record AmzDate(long epochSecond, String text) {
    }

    /** Creates a signer for these credentials, region and service (S3's is {@code s3}). */
    public SigV4Signer(Credentials credentials, String region, String service) {
        this.accessKeyId = credentials.accessKeyId();
        this.secretKeyBytes = ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        this.sessionToken = credentials.sessionToken();
        this.region = region;
        this.service = service;
    }

    /** Starts describing a request: its method and its path as it goes on the wire (see {@link #encodePath}). */
    public static Request request(String method, String canonicalUri) {
        return new Request(method, canonicalUri);
    }

    /** What {@link #sign} and {@link #presign} produce; the two steps are null unless the request asked for them. */
    public record Signature(String amzDate, String signedHeaders, String signature, String authorization,
                            String query, String canonicalRequest, String stringToSign) {
    }

    /*
     * Header signing. The signer adds x-amz-date (and x-amz-content-sha256 and x-amz-security-token when
     * they apply) to the request's headers, signs every header the request holds, and returns the
     * Authorization value and the canonical query string. The caller sends exactly those headers and
     * that query: what was signed is what goes on the wire.
     */

    /** Signs the request in its headers at the given time (epoch seconds). */
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
        String query = canonicalQuery(request, scratch);
        String signedHeaders = signedHeaders(request, scratch);
        return finish(request, key, amzDate, query, signedHeaders, scratch, false);
    }

    /*
     * Query signing, for a URL anyone may use until it expires. The credential, date, expiry and the
     * names of the signed headers (only host, usually) travel as X-Amz-* query parameters, and the
     * returned query string ends with X-Amz-Signature. S3 presigned URLs use UNSIGNED-PAYLOAD.
     */

    /** Signs the request in its query string, valid for {@code expiresSeconds} (at most seven days). */
    public Signature presign(Request request, long epochSecond, long expiresSeconds) {
        if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_SECONDS) {
            throw new IllegalArgumentException("a presigned URL must expire within 1 to " + MAX_PRESIGN_SECONDS
                    + " seconds (7 days); got " + expiresSeconds);
        }
        String amzDate = amzDate(epochSecond);
        SigningKey key = signingKey(amzDate);
        Scratch scratch = Scratch.get();
        String signedHeaders = signedHeaders(request, scratch);
        request.query("X-Amz-Algorithm", ALGORITHM);
        request.query("X-Amz-Credential", key.credential);
        request.query("X-Amz-Date", amzDate);
        request.query("X-Amz-Expires", Long.toString(expiresSeconds));
        request.query("X-Amz-SignedHeaders", signedHeaders);
        if (sessionToken != null && !request.omitSessionToken) {
            request.query("X-Amz-Security-Token", sessionToken);
        }
        String query = canonicalQuery(request, scratch);
        return finish(request, key, amzDate, query, signedHeaders, scratch, true);
    }

    /** Builds the canonical request and the string to sign, and computes the signature. */
    // tag::finish[]
    private Signature finish(Request request, SigningKey key, String amzDate, String query, String signedHeaders,
                             Scratch scratch, boolean presigned) {
        /*
         * The canonical request, in one StringBuilder:
         *   METHOD \n PATH \n QUERY \n name:value\n ... \n SIGNED;HEADERS \n PAYLOAD-HASH
         * It is hashed straight from the builder; a String is made only when a test asks for it.
         */
        StringBuilder text = scratch.text;
        text.setLength(0);
        text.append(request.method).append('\n')
                .append(request.canonicalUri).append('\n')
                .append(query).append('\n');
        appendCanonicalHeaders(request, scratch, text);
        text.append('\n').append(signedHeaders).append('\n').append(request.payloadHash);
        String canonicalRequest = request.keepSteps ? text.toString() : null;
        MessageDigest sha256 = scratch.sha256;
        scratch.update(sha256, text);
        byte[] canonicalHash = sha256.digest();

        // The string to sign: algorithm, date, scope and the canonical request's hash.
        text.setLength(0);
        text.append(ALGORITHM).append('\n').append(amzDate).append('\n').append(key.scope).append('\n');
        appendHex(canonicalHash, text);
        String stringToSign = request.keepSteps ? text.toString() : null;
        Mac mac = scratch.macFor(key.key);
        scratch.update(mac, text);
        String signature = hex(mac.doFinal(), scratch);

        if (presigned) {
            return new Signature(amzDate, signedHeaders, signature, null,
                    query + "&X-Amz-Signature=" + signature, canonicalRequest, stringToSign);
        }
        String authorization = key.authorizationPrefix + signedHeaders + ", Signature=" + signature;
        return new Signature(amzDate, signedHeaders, signature, authorization, query, canonicalRequest, stringToSign);
    }
    // end::finish[]

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
            SigningKey derived = new SigningKey(day, key, scope, credential,
                    ALGORITHM + " Credential=" + credential + ", SignedHeaders=");
            signingKey = derived;
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
    // end::signing-key[]

    /** Formats epoch seconds as x-amz-date ({@code 20150830T123600Z}), reusing the last second's string. */
    public String amzDate(long epochSecond) {
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

    private static String signedHeaders(Request request, Scratch scratch) {
        int[] order = request.sortedHeaderOrder();
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

    private static void appendCanonicalHeaders(Request request, Scratch scratch, StringBuilder text) {
        int[] order = request.sortedHeaderOrder();
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
            while (j >= 0 && (names[j].compareTo(name) > 0 || names[j].equals(name) && values[j].compareTo(value) > 0)) {
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

    /** The wire and canonical path for a raw path: percent-encoded once; dot segments and repeated slashes resolved only if {@code normalize}. */
    public static String encodePath(String rawPath, boolean normalize) {
        String path = normalize ? normalizePath(rawPath) : rawPath;
        StringBuilder out = new StringBuilder(path.length() + 16);
        uriEncode(path, true, out);
        return out.toString();
    }

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
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static void percent(int b, StringBuilder out) {
        out.append('%').append(UPPER_HEX[b >> 4 & 0xf]).append(UPPER_HEX[b & 0xf]);
    }

    /*
     * Path normalization, for services other than S3 (the generic test-suite cases with normalize=true):
     * empty and "." segments dropped, ".." removes the segment before it, a trailing slash kept.
     */
    private static String normalizePath(String path) {
        ArrayList<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String segment = path.substring(start, i);
                if (segment.equals("..")) {
                    if (!segments.isEmpty()) {
                        segments.removeLast();
                    }
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
                start = i + 1;
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (segments.isEmpty() || path.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
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

    /** A request to sign: method, encoded path, raw query parameters, headers and the payload hash. */
    public static final class Request {
        private final String method;
        private final String canonicalUri;
        private final ArrayList<String> queryNames = new ArrayList<>(8);
        private final ArrayList<String> queryValues = new ArrayList<>(8);
        private final ArrayList<String> headerNames = new ArrayList<>(8);
        private final ArrayList<String> headerValues = new ArrayList<>(8);
        private String payloadHash = EMPTY_PAYLOAD_SHA256;
        private boolean contentSha256Header = true;
        private boolean omitSessionToken;
        private boolean keepSteps;
        private int[] sortedOrder;

        private Request(String method, String canonicalUri) {
            this.method = method;
            this.canonicalUri = canonicalUri;
        }

        /** Adds a query parameter, raw (not yet encoded); the value may be empty. */
        public Request query(String name, String value) {
            queryNames.add(name);
            queryValues.add(value == null ? "" : value);
            return this;
        }

        /** Adds a header to sign and send; a repeated name adds another value. */
        public Request header(String name, String value) {
            headerNames.add(name.toLowerCase(Locale.ROOT));
            headerValues.add(value);
            sortedOrder = null;
            return this;
        }

        /** The payload's hex SHA-256, or {@link #UNSIGNED_PAYLOAD}; the empty body's hash unless set. */
        public Request payloadHash(String hash) {
            this.payloadHash = hash;
            return this;
        }

        /** Whether header signing adds x-amz-content-sha256 (S3 requires it; on unless turned off). */
        public Request contentSha256Header(boolean add) {
            this.contentSha256Header = add;
            return this;
        }

        /** Leaves the session token out of what is signed (some services take it unsigned; S3 does not). */
        public Request omitSessionToken(boolean omit) {
            this.omitSessionToken = omit;
            return this;
        }

        /** Keeps the canonical request and the string to sign in the result, for tests and debugging. */
        public Request keepSteps(boolean keep) {
            this.keepSteps = keep;
            return this;
        }

        /** Calls {@code action} with each header, in the order added, including those the signer added. */
        public void forEachHeader(BiConsumer<String, String> action) {
            for (int i = 0; i < headerNames.size(); i++) {
                action.accept(headerNames.get(i), headerValues.get(i));
            }
        }

        private int[] sortedHeaderOrder() {
            if (sortedOrder != null) {
                return sortedOrder;
            }
            int count = headerNames.size();
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                int j = i - 1;
                String name = headerNames.get(i);
                // Stable: a repeated name keeps its values in the order they were added.
                while (j >= 0 && headerNames.get(order[j]).compareTo(name) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = i;
            }
            sortedOrder = order;
            return order;
        }
    }

    /** Each thread's reusable tools: no Mac, digest or buffer is made per request. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

        final StringBuilder text = new StringBuilder(1024);
        final StringBuilder names = new StringBuilder(128);
        final byte[] utf8 = new byte[1024];
        final byte[] hex = new byte[64];
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
            int filled = encodeUtf8(text, (buffer, length) -> digest.update(buffer, 0, length));
            digest.update(utf8, 0, filled);
        }

        /** Feeds {@code text} as UTF-8 to a Mac, through the thread's byte buffer. */
        void update(Mac target, CharSequence text) {
            int filled = encodeUtf8(text, (buffer, length) -> target.update(buffer, 0, length));
            target.update(utf8, 0, filled);
        }

        /** Encodes into {@code utf8}, handing full buffers to {@code flush}; returns the bytes left in it. */
        private int encodeUtf8(CharSequence text, Flush flush) {
            byte[] out = utf8;
            int at = 0;
            int length = text.length();
            for (int i = 0; i < length; i++) {
                if (at > out.length - 4) {
                    flush.bytes(out, at);
                    at = 0;
                }
                char c = text.charAt(i);
                if (c < 0x80) {
                    out[at++] = (byte) c;
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xc0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
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
            return at;
        }

        private interface Flush {
            void bytes(byte[] buffer, int length);
        }
    }
}
