package objectstore.workshop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chapter 05: AWS Signature Version 4 for one GET, by hand.
 *
 * <p>Chapter 05's lite client signs every request itself ({@code objectstore.lite.SigV4Signer}). Here you write the
 * three steps for the simplest case, a GET with no body:
 *
 * <ol>
 *   <li>the canonical request: the request written out in one exact form, so that client and server hash the same text;
 *   <li>the string to sign: the algorithm, the time, the scope (day/region/service/aws4_request) and the canonical
 *       request's SHA-256;
 *   <li>the signing key: the secret never signs anything itself; an HMAC chain turns it into a key for one day, one
 *       region and one service, and that key signs the string.
 * </ol>
 *
 * {@link #authorization} puts them together. The check compares each step with the AWS test suite's vectors
 * (get-vanilla, get-vanilla-query-order-key-case, get-unreserved), then signs a GET to the real S3Proxy, which checks
 * signatures, and expects the object back.
 *
 * <p>The hashes, the HMAC and hex are given below; paths and query values arrive already in their wire form (the check
 * uses only unreserved characters, which SigV4's URI encoding leaves alone).
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch05SignOneRequestCheck}
 */
public final class Ch05SignOneRequest {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The signing key for one day ({@code yyyyMMdd}), region and service. */
    public static byte[] signingKey(String secretAccessKey, String day, String region, String service) {
        // TODO goal: the HMAC chain: key "AWS4" + secret signs the day, that result signs the region, then the service,
        // then "aws4_request"
        return hmac(("AWS4" + secretAccessKey).getBytes(UTF_8), day);
    }

    /** The names of the headers signed: lower case, sorted, joined with ';'. */
    public static String signedHeaders(Map<String, String> headers) {
        // TODO goal: lower-case every name, sort them, join with ';' (e.g. host;x-amz-date)
        return String.join(";", headers.keySet());
    }

    /**
     * The canonical request of a GET without a body, for this path, these query parameters and these headers (every
     * header sent, each signed).
     */
    public static String canonicalRequest(String path, Map<String, String> query, Map<String, String> headers) {
        // TODO goal: six lines: GET, the path, the query sorted by name (name=value joined with '&'),
        //            the canonical headers (name:value, lower-case names, sorted, one per line, then an empty line),
        //            the signed headers, and the hex SHA-256 of the empty body
        return "GET\n" + path + "\n";
    }

    /**
     * The string to sign for a canonical request made at {@code amzDate} ({@code yyyyMMdd'T'HHmmss'Z'}) in
     * {@code scope}.
     */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        // TODO goal: four lines: the algorithm, the date, the scope, and the hex SHA-256 of the canonical request
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequest;
    }

    /** The Authorization header of the GET, signed at {@code amzDate}; {@code headers} must hold its X-Amz-Date. */
    public static String authorization(
            String accessKeyId,
            String secretAccessKey,
            String region,
            String service,
            String amzDate,
            String path,
            Map<String, String> query,
            Map<String, String> headers) {
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = stringToSign(amzDate, scope, canonicalRequest(path, query, headers));
        String signature = hex(hmac(signingKey(secretAccessKey, day, region, service), toSign));
        return ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders(headers)
                + ", Signature=" + signature;
    }

    /** HMAC-SHA256 of {@code data} (as UTF-8) under {@code key}. */
    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex SHA-256 of {@code text} as UTF-8. */
    public static String sha256Hex(String text) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private Ch05SignOneRequest() {}
}
