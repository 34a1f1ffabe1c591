package objectstore.workshop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The solution: the three steps as SigV4 defines them. Chapter 05's {@code SigV4Signer} does the same with URI
 * encoding, repeated headers, whitespace in values, query signing, and a key derived once a day.
 */
public final class Ch05SignOneRequest {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The signing key for one day ({@code yyyyMMdd}), region and service. */
    public static byte[] signingKey(String secretAccessKey, String day, String region, String service) {
        byte[] key = ("AWS4" + secretAccessKey).getBytes(UTF_8);
        for (String part : new String[] {day, region, service, "aws4_request"}) {
            key = hmac(key, part);
        }
        return key;
    }

    /** The names of the headers signed: lower case, sorted, joined with ';'. */
    public static String signedHeaders(Map<String, String> headers) {
        return String.join(";", canonical(headers).keySet());
    }

    /**
     * The canonical request of a GET without a body, for this path, these query parameters and these headers (every
     * header sent, each signed).
     */
    public static String canonicalRequest(String path, Map<String, String> query, Map<String, String> headers) {
        String canonicalQuery = new TreeMap<>(query)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical(headers)
                .forEach((name, value) ->
                        canonicalHeaders.append(name).append(':').append(value).append('\n'));
        return "GET\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders(headers) + "\n"
                + sha256Hex("");
    }

    /**
     * The string to sign for a canonical request made at {@code amzDate} ({@code yyyyMMdd'T'HHmmss'Z'}) in
     * {@code scope}.
     */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    }

    /** Header names in lower case, sorted; values trimmed. */
    private static TreeMap<String, String> canonical(Map<String, String> headers) {
        TreeMap<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> sorted.put(name.toLowerCase(Locale.ROOT), value.strip()));
        return sorted;
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
