package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import objectstore.connection.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Both our signers against the AWS SDK's own ({@code AwsV4HttpSigner} with S3's settings: no path normalization, no
 * double encoding, payload signed) on requests generated from a fixed seed: keys with reserved characters, unicode,
 * spaces, '+', '%', '~', "//", "." and ".."; random query parameters and header values; and text holding unpaired
 * surrogates. Both must produce the same Authorization header, and the same presigned-URL signature.
 */
class SigV4DifferentialTest {

    static final int REQUESTS = 200;
    static final String HOST = "127.0.0.1:9000";
    static final String[] KEY_PIECES = {
        "a", "Z", "0", "key", " ", "  ", "+", "%", "%2F", "~", "/", "//", ".", "..", "/./", "/../", "ü", "日本", "😀",
        "!", "*", "'", "(", ")", ";", ":", "@", "&", "=", "$", ",", "?", "#", "[", "]", "-", "_", "\"", "<", ">"
    };
    static final String[] QUERY_NAMES = {
        "prefix",
        "max-keys",
        "continuation-token",
        "list-type",
        "delete",
        "x-id",
        "uploads",
        "with space",
        "plus+",
        "tilde~",
        "ü",
        "a=b",
        "&amp"
    };
    static final String[] METHODS = {"GET", "PUT", "HEAD", "DELETE", "POST"};

    final Random random = new Random(20150830);
    static final Instant NOW = Instant.parse("2025-03-14T15:09:26Z");

    @ParameterizedTest
    @EnumSource(Signers.class)
    void headerSignaturesMatchTheSdk(Signers kind) {
        for (int i = 0; i < REQUESTS; i++) {
            Credentials credentials = credentials(i % 5 == 0);
            String method = METHODS[random.nextInt(METHODS.length)];
            String key = randomKey();
            byte[] body = method.equals("PUT") || method.equals("POST") ? randomBytes() : new byte[0];
            List<String[]> query = randomQuery();
            List<String[]> headers = randomHeaders();

            assertThat(ourAuthorization(kind, credentials, method, key, body, query, headers))
                    .as("request %d: %s %s %s %s", i, method, key, describe(query), describe(headers))
                    .isEqualTo(sdkAuthorization(credentials, method, key, body, query, headers));
        }
    }

    /*
     * An unpaired surrogate is not a character and has no UTF-8. The SDK turns text into bytes with the
     * JDK (URLEncoder for the path and query, String.getBytes for what it hashes), which writes '?' for it.
     * Both signers must sign a key, a query value and a header value holding one exactly as the SDK does.
     */
    static final String[] UNPAIRED = {
        "\uD83D", "\uDE00", "a\uD83Db", "\uDE00\uD83D", "x\uD83D\uD83D\uD83D\uDE00/y\uDBFF"
    };

    @ParameterizedTest
    @EnumSource(Signers.class)
    void unpairedSurrogatesAreSignedAsTheSdkSignsThem(Signers kind) {
        Credentials credentials = credentials(false);
        byte[] body = randomBytes();
        for (String text : UNPAIRED) {
            List<String[]> query = List.<String[]>of(new String[] {"prefix", text});
            List<String[]> headers = List.<String[]>of(new String[] {"x-amz-meta-note", text});
            assertThat(ourAuthorization(kind, credentials, "PUT", "key-" + text, body, query, headers))
                    .as("unpaired surrogates in %s", describe(query))
                    .isEqualTo(sdkAuthorization(credentials, "PUT", "key-" + text, body, query, headers));
        }
    }

    /** The one percent-encoder writes what the SDK's does, unpaired surrogates included ('?' is %3F). */
    @Test
    void uriEncodingMatchesTheSdks() {
        List<String> texts = new ArrayList<>(List.of(KEY_PIECES));
        texts.addAll(List.of(UNPAIRED));
        for (String text : texts) {
            StringBuilder query = new StringBuilder();
            SigV4Canonical.uriEncode(text, false, query);
            assertThat(query.toString()).as("query encoding of %s", text).isEqualTo(SdkHttpUtils.urlEncode(text));
            assertThat(encodedKey(text))
                    .as("key encoding of %s", text)
                    .isEqualTo(SdkHttpUtils.urlEncodeIgnoreSlashes(text));
        }
        assertThat(encodedKey("a\uD83Db")).isEqualTo("a%3Fb");
    }

    /** Our Authorization header for a request, the key encoded once as LiteS3Client does. */
    static String ourAuthorization(
            Signers kind,
            Credentials credentials,
            String method,
            String key,
            byte[] body,
            List<String[]> query,
            List<String[]> headers) {
        SigV4 signer = kind.create(credentials, "us-east-1", "s3");
        SigV4.Request ours = SigV4.request(method, "/bucket/" + encodedKey(key))
                .header("host", HOST)
                .payloadHash(SigV4Signer.sha256Hex(body));
        query.forEach(q -> ours.query(q[0], q[1]));
        headers.forEach(h -> ours.header(h[0], h[1]));
        return signer.sign(ours, NOW.getEpochSecond()).authorization();
    }

    /** The SDK's Authorization header for the same request, signed with S3's settings. */
    static String sdkAuthorization(
            Credentials credentials,
            String method,
            String key,
            byte[] body,
            List<String[]> query,
            List<String[]> headers) {
        SignedRequest theirs = AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity(credentials))
                        .request(sdkRequest(method, key, query, headers))
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        return theirs.request().firstMatchingHeader("Authorization").orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Signers.class)
    void presignedSignaturesMatchTheSdk(Signers kind) {
        for (int i = 0; i < REQUESTS / 2; i++) {
            Credentials credentials = credentials(i % 4 == 0);
            String method = random.nextBoolean() ? "GET" : "PUT";
            String key = randomKey();
            long expires = 1 + random.nextInt((int) SigV4.MAX_PRESIGN_SECONDS);

            SigV4 signer = kind.create(credentials, "eu-west-1", "s3");
            SigV4.Request ours = SigV4.request(method, "/bucket/" + encodedKey(key))
                    .header("host", HOST)
                    .payloadHash(SigV4.UNSIGNED_PAYLOAD);
            SigV4.Signature signature = signer.presign(ours, NOW.getEpochSecond(), expires);

            SignedRequest theirs = AwsV4HttpSigner.create()
                    .sign(r -> r.identity(identity(credentials))
                            .request(sdkRequest(method, key, List.of(), List.of()))
                            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                            .putProperty(
                                    AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                    AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(expires))
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));

            assertThat(signature.signature())
                    .as("presign %d: %s %s", i, method, key)
                    .isEqualTo(theirs.request()
                            .firstMatchingRawQueryParameter("X-Amz-Signature")
                            .orElseThrow());
        }
    }

    // ---- The SDK's side: its own key encoding (SdkHttpUtils), raw query parameters, headers as given. ----

    static SdkHttpRequest sdkRequest(String method, String key, List<String[]> query, List<String[]> headers) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host("127.0.0.1")
                .port(9000)
                .encodedPath("/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        query.forEach(q -> builder.appendRawQueryParameter(q[0], q[1]));
        headers.forEach(h -> builder.appendHeader(h[0], h[1]));
        return builder.build();
    }

    static AwsCredentialsIdentity identity(Credentials credentials) {
        return credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    // ---- Ours: the key encoded once, as LiteS3Client does. ----

    static String encodedKey(String key) {
        StringBuilder out = new StringBuilder();
        SigV4Canonical.uriEncode(key, true, out);
        return out.toString();
    }

    // ---- Generated input ----

    Credentials credentials(boolean withToken) {
        return new Credentials(
                "AKID" + random.nextInt(1_000_000),
                "secret/" + random.nextLong() + "+key",
                withToken ? "token/" + random.nextLong() + "==" : null,
                "generated");
    }

    String randomKey() {
        StringBuilder key = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            key.append(KEY_PIECES[random.nextInt(KEY_PIECES.length)]);
        }
        return key.toString();
    }

    List<String[]> randomQuery() {
        List<String[]> query = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String value = random.nextInt(4) == 0 ? "" : randomKey();
            query.add(new String[] {QUERY_NAMES[random.nextInt(QUERY_NAMES.length)], value});
        }
        return query;
    }

    List<String[]> randomHeaders() {
        List<String[]> headers = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name =
                    random.nextBoolean() ? "x-amz-meta-" + (char) ('a' + random.nextInt(26)) : "X-Custom-Header" + i;
            String value = (random.nextBoolean() ? "  " : "")
                    + randomKey().replace("  ", "   ")
                    + (random.nextBoolean() ? " " : "");
            headers.add(new String[] {name, value});
        }
        return headers;
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    static String describe(List<String[]> pairs) {
        StringBuilder text = new StringBuilder("[");
        pairs.forEach(p -> text.append(p[0])
                .append('=')
                .append(new String(p[1].getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .append("; "));
        return text.append(']').toString();
    }
}
