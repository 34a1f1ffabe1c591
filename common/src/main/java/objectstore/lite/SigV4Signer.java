package objectstore.lite;

import static objectstore.lite.SigV4Canonical.uriEncode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import objectstore.connection.Credentials;

/**
 * AWS Signature Version 4, the fast way: the same steps as {@link SigV4Reference}, without needless allocation.
 *
 * <p>One signer serves one access key, region and service, from any number of threads. The request path is spent where
 * it matters: the signing key is derived once a day, the credential scope is built once with it, the x-amz-date string
 * once a second, and each thread keeps its own {@code Mac}, {@code MessageDigest} and text buffers. The canonical
 * request is written into one reused {@code StringBuilder}, and headers are sorted by index, in place. Text becomes
 * UTF-8 in one way throughout, the JDK's, as the AWS SDK's signer does it (see {@link SigV4Canonical#uriEncode}).
 */
public final class SigV4Signer implements SigV4 {

    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
        int[] headerOrder = SigV4Canonical.headerOrder(request);
        String query = SigV4Canonical.query(request, scratch.text);
        String signedHeaders = SigV4Canonical.signedHeaders(request, headerOrder, scratch.names);
        return finish(request, headerOrder, key, amzDate, query, signedHeaders, scratch, false);
    }

    @Override
    public Signature presign(Request request, long epochSecond, long expiresSeconds) {
        SigV4.checkExpiry(expiresSeconds);
        String amzDate = amzDate(epochSecond);
        SigningKey key = signingKey(amzDate);
        Scratch scratch = Scratch.get();
        int[] headerOrder = SigV4Canonical.headerOrder(request);
        String signedHeaders = SigV4Canonical.signedHeaders(request, headerOrder, scratch.names);
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
            query = SigV4Canonical.query(request, scratch.text);
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
         * The canonical request, written into one StringBuilder:
         *   METHOD \n PATH \n QUERY \n name:value\n ... \n SIGNED;HEADERS \n PAYLOAD-HASH
         */
        StringBuilder text = scratch.text;
        text.setLength(0);
        text.append(request.method)
                .append('\n')
                .append(request.canonicalUri)
                .append('\n')
                .append(query)
                .append('\n');
        SigV4Canonical.appendHeaders(request, headerOrder, text);
        text.append('\n').append(signedHeaders).append('\n').append(request.payloadHash);
        String canonicalRequest = text.toString();
        byte[] canonicalHash = scratch.sha256.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));

        // The string to sign: algorithm, date, scope and the canonical request's hash.
        text.setLength(0);
        text.append(ALGORITHM)
                .append('\n')
                .append(amzDate)
                .append('\n')
                .append(key.scope)
                .append('\n');
        HEX.formatHex(text, canonicalHash);
        String stringToSign = text.toString();
        String signature =
                HEX.formatHex(scratch.macFor(key.key).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

        String canonicalStep = request.keepSteps ? canonicalRequest : null;
        String stringToSignStep = request.keepSteps ? stringToSign : null;
        if (presigned) {
            String signedQuery = query + "&X-Amz-Signature=" + signature;
            return new Signature(amzDate, signedHeaders, signature, null, signedQuery, canonicalStep, stringToSignStep);
        }
        String authorization = key.authorizationPrefix + signedHeaders + ", Signature=" + signature;
        return new Signature(amzDate, signedHeaders, signature, authorization, query, canonicalStep, stringToSignStep);
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
        String text = AMZ_DATE.format(Instant.ofEpochSecond(epochSecond));
        lastDate = new AmzDate(epochSecond, text);
        return text;
    }

    /** The lower-case hex SHA-256 of {@code data}: the x-amz-content-sha256 of a signed payload. */
    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(Scratch.get().sha256.digest(data));
    }

    /** Each thread's reusable tools: no Mac, digest or buffer is made per request. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

        final StringBuilder text = new StringBuilder(1024);
        final StringBuilder names = new StringBuilder(128);

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
    }
}
