package objectstore.lite;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import objectstore.connection.Credentials;

/**
 * AWS Signature Version 4 as the specification tells it, step by step: the version to read first.
 *
 * <p>It signs exactly what {@link SigV4Signer} signs, and passes the same tests; the client uses that one, because this
 * one allocates freely (a formatter, a TreeMap, a new Mac and key every time).
 */
public final class SigV4Reference implements SigV4 {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Credentials credentials;
    private final String region;
    private final String service;

    /** Creates a signer for these credentials, region and service (S3's is {@code s3}). */
    public SigV4Reference(Credentials credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    // tag::sign[]
    @Override
    public Signature sign(Request request, long epochSecond) {
        String amzDate = AMZ_DATE.format(Instant.ofEpochSecond(epochSecond));
        /* The headers the signature covers besides the caller's: the time, the payload's hash, the session token. */
        request.header("x-amz-date", amzDate);
        if (request.contentSha256Header) {
            request.header("x-amz-content-sha256", request.payloadHash);
        }
        if (credentials.sessionToken() != null && !request.omitSessionToken) {
            request.header("x-amz-security-token", credentials.sessionToken());
        }
        Signed signed = signed(request, amzDate);
        String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + signed.scope
                + ", SignedHeaders=" + signed.signedHeaders + ", Signature=" + signed.signature;
        return new Signature(
                amzDate,
                signed.signedHeaders,
                signed.signature,
                authorization,
                signed.query,
                signed.canonicalRequest,
                signed.stringToSign);
    }
    // end::sign[]

    @Override
    public Signature presign(Request request, long epochSecond, long expiresSeconds) {
        SigV4.checkExpiry(expiresSeconds);
        String amzDate = AMZ_DATE.format(Instant.ofEpochSecond(epochSecond));
        /* What header signing puts in headers goes in the query instead; the signature is added last, unsigned. */
        request.query("X-Amz-Algorithm", ALGORITHM);
        request.query("X-Amz-Credential", credentials.accessKeyId() + "/" + scope(amzDate));
        request.query("X-Amz-Date", amzDate);
        request.query("X-Amz-Expires", Long.toString(expiresSeconds));
        request.query(
                "X-Amz-SignedHeaders",
                String.join(";", canonicalHeaders(request).keySet()));
        if (credentials.sessionToken() != null && !request.omitSessionToken) {
            request.query("X-Amz-Security-Token", credentials.sessionToken());
        }
        Signed signed = signed(request, amzDate);
        return new Signature(
                amzDate,
                signed.signedHeaders,
                signed.signature,
                null,
                signed.query + "&X-Amz-Signature=" + signed.signature,
                signed.canonicalRequest,
                signed.stringToSign);
    }

    /** The steps and their result. */
    private record Signed(
            String query,
            String signedHeaders,
            String scope,
            String canonicalRequest,
            String stringToSign,
            String signature) {}

    // tag::steps[]
    private Signed signed(Request request, String amzDate) {
        /* 1. The canonical request: method, path, sorted query, sorted headers, their names, the payload's hash. */
        String query = canonicalQuery(request);
        TreeMap<String, String> headers = canonicalHeaders(request);
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = String.join(
                "\n",
                request.method,
                request.canonicalUri,
                query,
                canonicalHeaders,
                signedHeaders,
                request.payloadHash);

        /* 2. The string to sign: algorithm, time, scope (day/region/service/aws4_request), the request's hash. */
        String scope = scope(amzDate);
        String stringToSign = String.join("\n", ALGORITHM, amzDate, scope, hex(sha256(canonicalRequest)));

        /* 3. The signing key: an HMAC chain from "AWS4" + secret through the scope's four parts. */
        byte[] key = ("AWS4" + credentials.secretAccessKey()).getBytes(UTF_8);
        for (String part : List.of(amzDate.substring(0, 8), region, service, "aws4_request")) {
            key = hmac(key, part);
        }

        /* 4. The signature: the HMAC of the string to sign with that key, in hex. */
        String signature = hex(hmac(key, stringToSign));
        return new Signed(query, signedHeaders, scope, canonicalRequest, stringToSign, signature);
    }
    // end::steps[]

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    // tag::canonical[]
    /** Name and value of every parameter URI-encoded, sorted by name then value, joined as a=1&b=2. */
    private static String canonicalQuery(Request request) {
        List<String[]> pairs = new ArrayList<>();
        request.forEachQuery((name, value) -> pairs.add(new String[] {uriEncode(name), uriEncode(value)}));
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        return pairs.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    /** Lower-case names in order, each with its values trimmed, inner whitespace runs made one space, joined by ','. */
    private static TreeMap<String, String> canonicalHeaders(Request request) {
        TreeMap<String, String> headers = new TreeMap<>();
        request.forEachHeader((name, value) ->
                headers.merge(name, value.strip().replaceAll("\\s+", " "), (earlier, later) -> earlier + "," + later));
        return headers;
    }

    /** Every byte but A-Z a-z 0-9 - _ . ~ as %XY: URLEncoder, with its three differences from SigV4 undone. */
    private static String uriEncode(String text) {
        return URLEncoder.encode(text, UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
    // end::canonical[]

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
