package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.connection.Target;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch05SignOneRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Ch05SignOneRequest} is solved when each step gives what the AWS SigV4 test suite says for three GETs, and
 * S3Proxy (signature checking on) answers a GET signed with it.
 *
 * <p>The vectors are the suite's folders that common's tests run (common/src/test/resources/sigv4-test-suite, on this
 * module's test classpath through common's test jar): the request, the context (credentials, region, service, time),
 * and the expected canonical request, string to sign and signed request.
 */
class Ch05SignOneRequestCheck {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theSigningKeySignsTheSuitesStringToSign() throws Exception {
        Vector v = Vector.read("get-vanilla");
        byte[] key = Ch05SignOneRequest.signingKey(v.secretAccessKey, v.amzDate.substring(0, 8), v.region, v.service);
        assertThat(Ch05SignOneRequest.hex(Ch05SignOneRequest.hmac(key, v.expected("header-string-to-sign.txt"))))
                .as(
                        "the suite's string to sign (get-vanilla), signed with your key for %s/%s/%s",
                        v.amzDate.substring(0, 8), v.region, v.service)
                .isEqualTo(v.expected("header-signature.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query-order-key-case", "get-unreserved"})
    void theCanonicalRequestIsTheSuites(String name) throws Exception {
        Vector v = Vector.read(name);
        assertThat(Ch05SignOneRequest.canonicalRequest(v.path, v.query, v.headers))
                .as("canonical request of %s (%s, headers %s)", name, v.requestLine, v.headers)
                .isEqualTo(v.expected("header-canonical-request.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query-order-key-case", "get-unreserved"})
    void theStringToSignIsTheSuites(String name) throws Exception {
        Vector v = Vector.read(name);
        assertThat(Ch05SignOneRequest.stringToSign(v.amzDate, v.scope(), v.expected("header-canonical-request.txt")))
                .as("string to sign of %s, from the suite's canonical request", name)
                .isEqualTo(v.expected("header-string-to-sign.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query-order-key-case", "get-unreserved"})
    void theAuthorizationHeaderIsTheSuites(String name) throws Exception {
        Vector v = Vector.read(name);
        String expected = v.expected("header-signed-request.txt")
                .lines()
                .filter(line -> line.startsWith("Authorization:"))
                .findFirst()
                .orElseThrow()
                .substring("Authorization:".length());
        assertThat(Ch05SignOneRequest.authorization(
                        v.accessKeyId, v.secretAccessKey, v.region, v.service, v.amzDate, v.path, v.query, v.headers))
                .as("Authorization header of %s", name)
                .isEqualTo(expected);
    }

    @Test
    void s3ProxyAnswersAGetSignedWithIt() throws Exception {
        byte[] data = "signed by hand".getBytes(StandardCharsets.UTF_8);
        try (S3Bucket bucket = S3Bucket.create("ch05")) {
            bucket.store.putObject(bucket.name, "ch05/hello.txt", data).join();
            Target s3 = TestStores.s3().target();
            String amzDate =
                    DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            String path = "/" + bucket.name + "/ch05/hello.txt";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", s3.endpoint().getAuthority());
            headers.put("X-Amz-Date", amzDate);
            headers.put("X-Amz-Content-Sha256", EMPTY_SHA256); // S3 wants the payload's hash sent, and signed
            String authorization = Ch05SignOneRequest.authorization(
                    s3.credentials().accessKeyId(),
                    s3.credentials().secretAccessKey(),
                    s3.region(),
                    "s3",
                    amzDate,
                    path,
                    Map.of(),
                    headers);

            HttpRequest get = HttpRequest.newBuilder(s3.endpoint().resolve(path))
                    .GET()
                    .header("X-Amz-Date", amzDate)
                    .header("X-Amz-Content-Sha256", EMPTY_SHA256)
                    .header("Authorization", authorization)
                    .build(); // the client sends Host itself: the endpoint's authority, as signed
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode())
                        .as(
                                "S3Proxy's answer to GET %s signed with %s: %s",
                                path, authorization, new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                assertThat(response.body()).isEqualTo(data);
            }
        }
    }

    /** One case of the suite, read from the test classpath. */
    record Vector(
            String name,
            String requestLine,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            String accessKeyId,
            String secretAccessKey,
            String region,
            String service,
            String amzDate) {

        static Vector read(String name) throws IOException {
            JsonNode context = new ObjectMapper().readTree(resource(name, "context.json"));
            String amzDate = context.path("timestamp").asText().replace("-", "").replace(":", "");
            List<String> lines = resource(name, "request.txt").lines().toList();
            String requestLine = lines.getFirst();
            String target = requestLine.split(" ")[1];
            int question = target.indexOf('?');
            Map<String, String> query = new LinkedHashMap<>();
            if (question >= 0) {
                for (String pair : target.substring(question + 1).split("&")) {
                    int equals = pair.indexOf('=');
                    query.put(
                            equals < 0 ? pair : pair.substring(0, equals),
                            equals < 0 ? "" : pair.substring(equals + 1));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            headers.put("X-Amz-Date", amzDate); // the signer adds it: the request is signed at the context's time
            return new Vector(
                    name,
                    requestLine,
                    question < 0 ? target : target.substring(0, question),
                    query,
                    headers,
                    context.path("credentials").path("access_key_id").asText(),
                    context.path("credentials").path("secret_access_key").asText(),
                    context.path("region").asText(),
                    context.path("service").asText(),
                    amzDate);
        }

        String scope() {
            return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        }

        String expected(String file) throws IOException {
            return resource(name, file);
        }

        private static String resource(String name, String file) throws IOException {
            String path = "/sigv4-test-suite/" + name + "/" + file;
            try (InputStream in = Ch05SignOneRequestCheck.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IOException(path + " is not on the test classpath (it comes with common's test jar)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
