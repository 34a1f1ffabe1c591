package objectstore.lite;

import java.util.ArrayList;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * AWS Signature Version 4: what a signer is given, what it gives back, and the two ways it signs.
 *
 * <p>Two signers answer it and must agree byte for byte: {@link SigV4Reference}, the plain version to read first, and
 * {@link SigV4Signer}, the same steps without needless allocation, which the client uses.
 */
public interface SigV4 {

    /** The only algorithm either signer speaks. */
    String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The payload hash that tells S3 the body is not part of the signature. */
    String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** The SHA-256 of no bytes, the payload hash of a GET, HEAD or DELETE. */
    String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The longest a presigned URL may live: seven days. */
    long MAX_PRESIGN_SECONDS = 7L * 24 * 3600;

    /*
     * Header signing. The signer adds x-amz-date (and x-amz-content-sha256 and x-amz-security-token when
     * they apply) to the request's headers, signs every header the request holds, and returns the
     * Authorization value and the canonical query string. The caller sends exactly those headers and
     * that query: what was signed is what goes on the wire.
     */

    /** Signs the request in its headers at the given time (epoch seconds). */
    Signature sign(Request request, long epochSecond);

    /*
     * Query signing, for a URL anyone may use until it expires. The credential, date, expiry and the
     * names of the signed headers (only host, usually) travel as X-Amz-* query parameters, and the
     * returned query string ends with X-Amz-Signature. S3 presigned URLs use UNSIGNED-PAYLOAD.
     */

    /** Signs the request in its query string, valid for {@code expiresSeconds} (at most seven days). */
    Signature presign(Request request, long epochSecond, long expiresSeconds);

    /** Refuses an expiry outside 1 second to 7 days, the range S3 accepts. */
    static void checkExpiry(long expiresSeconds) {
        if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_SECONDS) {
            throw new IllegalArgumentException("a presigned URL must expire within 1 to " + MAX_PRESIGN_SECONDS
                    + " seconds (7 days); got " + expiresSeconds);
        }
    }

    /** Starts describing a request: its method and its path as it goes on the wire, already URI-encoded. */
    static Request request(String method, String canonicalUri) {
        return new Request(method, canonicalUri);
    }

    /**
     * What a signer produces; the two steps are null unless the request asked for them (the reference always fills
     * them).
     */
    record Signature(
            String amzDate,
            String signedHeaders,
            String signature,
            String authorization,
            String query,
            String canonicalRequest,
            String stringToSign) {}

    /**
     * A request to sign: method, encoded path, raw query parameters, headers (names lower-cased) and the payload hash.
     */
    final class Request {
        final String method;
        final String canonicalUri;
        final ArrayList<String> queryNames = new ArrayList<>(8);
        final ArrayList<String> queryValues = new ArrayList<>(8);
        final ArrayList<String> headerNames = new ArrayList<>(8);
        final ArrayList<String> headerValues = new ArrayList<>(8);
        String payloadHash = EMPTY_PAYLOAD_SHA256;
        boolean contentSha256Header = true;
        boolean omitSessionToken;
        boolean keepSteps;

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
            return this;
        }

        /** The payload's hex SHA-256, or {@link #UNSIGNED_PAYLOAD}; the empty body's hash unless set. */
        public Request payloadHash(String hash) {
            this.payloadHash = hash;
            return this;
        }

        /** Calls {@code action} with each header, in the order added, including those the signer added. */
        public void forEachHeader(BiConsumer<String, String> action) {
            for (int i = 0; i < headerNames.size(); i++) {
                action.accept(headerNames.get(i), headerValues.get(i));
            }
        }

        /** Calls {@code action} with each raw query parameter, in the order added. */
        void forEachQuery(BiConsumer<String, String> action) {
            for (int i = 0; i < queryNames.size(); i++) {
                action.accept(queryNames.get(i), queryValues.get(i));
            }
        }

        /*
         * Three switches for the AWS test suite, which signs for services other than S3. S3 needs none
         * of them: it wants x-amz-content-sha256, and the session token signed.
         */

        /** Whether header signing adds x-amz-content-sha256 (on unless turned off). */
        Request contentSha256Header(boolean add) {
            this.contentSha256Header = add;
            return this;
        }

        /** Leaves the session token out of what is signed. */
        Request omitSessionToken(boolean omit) {
            this.omitSessionToken = omit;
            return this;
        }

        /** Keeps the canonical request and the string to sign in the result. */
        Request keepSteps(boolean keep) {
            this.keepSteps = keep;
            return this;
        }
    }
}
