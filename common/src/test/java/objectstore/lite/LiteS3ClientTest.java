package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;
import objectstore.connection.Credentials;
import objectstore.connection.Target;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The lite client end to end against S3Proxy with signature checking on: no mocks, real requests. */
class LiteS3ClientTest {

    /** Keys that trip up encoders: reserved characters, spaces, '+', '%', '~', unicode, XML's own characters. */
    static final List<String> AWKWARD_KEYS = List.of(
            "plain.txt",
            "with space/and  two",
            "plus+sign+",
            "percent%2Fencoded%20already%",
            "tilde~and-underscore_",
            "unicode/äöü/日本語/😀",
            "reserved!*'();:@&=$,?#[]",
            "xml<tag>&amp;\"quoted\"'",
            ".hidden/..dots../ends-with-dot.");

    /*
     * Keys with "//", "." or ".." segments. S3 keeps them as they are, and so does the lite client: the
     * path is encoded once and never normalized, and S3Proxy checks the signature over exactly that
     * path. Its jclouds backend, though, stores objects as file paths and resolves the segments
     * ("a//b" is kept as "a/b"): such a key reads back byte for byte, but lists in resolved form.
     */
    static final List<String> KEYS_THE_BACKEND_RESOLVES =
            List.of("a//double//slash", "dots/./single", "dots/../double", "../up/./and/..more");

    /*
     * Keys S3 holds but the backend cannot at all: a last segment of "." or "..", and a trailing '/'
     * (stored as a folder, read back empty). The store still answers them after checking the signature.
     */
    static final List<String> KEYS_THE_BACKEND_CANNOT_HOLD = List.of("ends/in/.", "ends/in/..", "trailing/", ".", "..");

    static EmbeddedS3Proxy store;
    static LiteS3Client client;
    static String bucket;

    @BeforeAll
    static void start() {
        store = TestStores.s3();
        client = LiteS3Client.open(store.target(), LiteSettings.defaults().withMaxInFlight(16));
        bucket = newBucketName();
        client.createBucket(bucket).join();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static String newBucketName() {
        return "lite-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void awkwardKeysRoundTripByteForByte() {
        for (String key : AWKWARD_KEYS) {
            byte[] data = ("content of " + key).getBytes(StandardCharsets.UTF_8);
            client.putObject(bucket, "awkward/" + key, data).join();
            assertThat(client.getObject(bucket, "awkward/" + key).join())
                    .as(key)
                    .isEqualTo(data);
        }
        List<String> listed = listAll(client, bucket, "awkward/");
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        AWKWARD_KEYS.stream().map(k -> "awkward/" + k).toList());
    }

    @Test
    void slashAndDotSegmentsAreSentUnnormalized() {
        for (String key : KEYS_THE_BACKEND_RESOLVES) {
            byte[] data = ("content of " + key).getBytes(StandardCharsets.UTF_8);
            client.putObject(bucket, "segments/" + key, data).join();
            assertThat(client.getObject(bucket, "segments/" + key).join())
                    .as(key)
                    .isEqualTo(data);
        }
        for (String key : KEYS_THE_BACKEND_CANNOT_HOLD) {
            try {
                client.putObject(bucket, key, new byte[] {1}).join();
            } catch (CompletionException e) {
                // Refused by the backend, but never for the signature: the server saw the path we signed.
                assertThat(e.getCause()).isInstanceOf(ObjectStoreException.class);
                assertThat(((ObjectStoreException) e.getCause()).code())
                        .as(key)
                        .isIn("InternalError", "InvalidRequest");
            }
        }
    }

    @Test
    void emptyBinaryAndLargeObjectsRoundTrip() throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] large = new byte[1024 * 1024 + 17];
        new Random(42).nextBytes(large);

        client.putObject(bucket, "sizes/empty", new byte[0]).join();
        client.putObject(bucket, "sizes/every-byte", everyByte).join();
        String eTag = client.putObject(bucket, "sizes/large", large).join();

        assertThat(client.getObject(bucket, "sizes/empty").join()).isEmpty();
        assertThat(client.getObject(bucket, "sizes/every-byte").join()).isEqualTo(everyByte);
        assertThat(client.getObject(bucket, "sizes/large").join()).isEqualTo(large);

        // A single-part object's ETag is the hex MD5 of its bytes.
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(large));
        assertThat(eTag).isEqualTo(md5);
        ObjectInfo info = client.headObject(bucket, "sizes/large").join();
        assertThat(info.size()).isEqualTo(large.length);
        assertThat(info.eTag()).isEqualTo(md5);
        assertThat(info.lastModified()).isNotNull();
        assertThat(client.headObject(bucket, "sizes/empty").join().size()).isZero();
    }

    @Test
    void unsignedPayloadClientWritesToo() {
        try (LiteS3Client unsigned =
                LiteS3Client.open(store.target(), LiteSettings.defaults().withUnsignedPayload(true))) {
            unsigned.putObject(bucket, "unsigned/one", new byte[] {1, 2, 3}).join();
            assertThat(client.getObject(bucket, "unsigned/one").join()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void queryStringSignedRequestsAreAcceptedAndStillChecked() {
        LiteSettings inQuery = LiteSettings.defaults().withSignInQuery(true);
        try (LiteS3Client queried = LiteS3Client.open(store.target(), inQuery)) {
            queried.putObject(bucket, "in-query/one two", new byte[] {4, 5, 6}).join();
            assertThat(queried.getObject(bucket, "in-query/one two").join()).containsExactly(4, 5, 6);
            assertThat(queried.headObject(bucket, "in-query/one two").join().size())
                    .isEqualTo(3);
            assertThat(queried.listObjects(bucket, "in-query/", null, 10).join().objects())
                    .hasSize(1);
            assertThat(code(queried.getObject(bucket, "in-query/absent"))).isEqualTo("NoSuchKey");
            queried.deleteObject(bucket, "in-query/one two").join();
            assertThat(code(client.getObject(bucket, "in-query/one two"))).isEqualTo("NoSuchKey");
        }
        Credentials wrong = new Credentials(store.credentials().accessKeyId(), "not-the-secret", null, "a test");
        try (LiteS3Client badClient =
                LiteS3Client.open(new Target(store.endpoint(), wrong, Target.DEFAULT_REGION), inQuery)) {
            assertThat(storeException(badClient.getObject(bucket, "awkward/plain.txt"))
                            .code())
                    .isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void listingPagesThroughAPrefixWithContinuationTokens() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add("pages/key-" + i);
            client.putObject(bucket, "pages/key-" + i, new byte[i]).join();
        }
        client.putObject(bucket, "pagesnot/other", new byte[1]).join();

        List<String> seen = new ArrayList<>();
        List<ListPage> pages = new ArrayList<>();
        String token = null;
        do {
            ListPage page = client.listObjects(bucket, "pages/", token, 3).join();
            pages.add(page);
            page.objects().forEach(o -> seen.add(o.key()));
            token = page.nextContinuationToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).objects()).hasSize(3);
        assertThat(pages.get(0).objects().get(2).size()).isEqualTo(2);
    }

    @Test
    void deleteObjectsRemovesManyKeys() {
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<String>> puts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String key = "many/" + i + (i % 3 == 0 ? " & <odd>" : "");
            keys.add(key);
            puts.add(client.putObject(bucket, key, new byte[] {(byte) i}));
        }
        puts.forEach(CompletableFuture::join);

        assertThat(client.deleteObjects(bucket, keys).join()).isEmpty();
        assertThat(listAll(client, bucket, "many/")).isEmpty();
    }

    @Test
    void storeErrorsCarryTheirS3Codes() {
        String other = newBucketName();
        assertThat(code(client.getObject(bucket, "no/such/key"))).isEqualTo("NoSuchKey");
        assertThat(code(client.headObject(bucket, "no/such/key"))).isEqualTo("NoSuchKey");
        assertThat(code(client.getObject(other, "any"))).isEqualTo("NoSuchBucket");
        assertThat(code(client.createBucket(bucket))).isEqualTo("BucketAlreadyOwnedByYou");

        client.createBucket(other).join();
        client.putObject(other, "keep", new byte[1]).join();
        assertThat(code(client.deleteBucket(other))).isEqualTo("BucketNotEmpty");
        client.deleteObject(other, "keep").join();
        client.deleteObject(other, "keep").join(); // deleting an absent key succeeds
        client.deleteBucket(other).join();
        assertThat(code(client.deleteBucket(other))).isEqualTo("NoSuchBucket");
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        Credentials wrong = new Credentials(store.credentials().accessKeyId(), "not-the-secret", null, "a test");
        try (LiteS3Client badClient = LiteS3Client.of(new Target(store.endpoint(), wrong, Target.DEFAULT_REGION))) {
            ObjectStoreException e = storeException(badClient.getObject(bucket, "awkward/plain.txt"));
            assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.status()).isEqualTo(403);
        }
    }

    @Test
    void aClosedPortIsStoreUnavailableNamingTheEndpoint() throws Exception {
        URI closed = TestStores.closedHttpEndpoint();
        try (LiteS3Client nowhere = LiteS3Client.of(TestStores.s3At(closed))) {
            Throwable failure = failure(nowhere.getObject("some-bucket", "key"));
            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("cannot connect to " + closed)
                    .hasMessageContaining("refused");
        }
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyRequest() throws Exception {
        // The endpoint does not answer: an IllegalArgumentException proves nothing was sent.
        try (LiteS3Client nowhere = LiteS3Client.of(TestStores.s3At(TestStores.closedHttpEndpoint()))) {
            assertThat(failure(nowhere.createBucket("Bad_Bucket")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Bad_Bucket");
            assertThat(failure(nowhere.getObject("ab", "k"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(failure(nowhere.getObject("192.168.1.1", "k")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IP address");
            assertThat(failure(nowhere.putObject("good-bucket", "k".repeat(1025), new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1,024");
            assertThat(failure(nowhere.putObject("good-bucket", "", new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(failure(nowhere.putObject("good-bucket", "bad\uD800surrogate", new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("surrogate");
        }
        // 1,024 bytes exactly is fine: 512 two-byte characters.
        assertThat(S3Names.keyProblem("é".repeat(512))).isNull();
        assertThat(S3Names.keyProblem("é".repeat(512) + "x")).contains("1025");
    }

    @Test
    void requestsBeyondMaxInFlightQueueInsteadOfFailing() {
        try (LiteS3Client narrow =
                LiteS3Client.open(store.target(), LiteSettings.defaults().withMaxInFlight(4))) {
            byte[] data = new byte[64 * 1024];
            new Random(7).nextBytes(data);
            narrow.putObject(bucket, "queued/object", data).join();
            List<CompletableFuture<byte[]>> gets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                gets.add(narrow.getObject(bucket, "queued/object"));
            }
            for (CompletableFuture<byte[]> get : gets) {
                assertThat(get.join()).isEqualTo(data);
            }
        }
    }

    @Test
    void presignedUrlsWorkWithAPlainHttpClient() throws Exception {
        byte[] data = "presigned body".getBytes(StandardCharsets.UTF_8);
        String key = "presigned/with space+plus/ü";
        HttpClient http = HttpClient.newHttpClient();

        URI putUrl = client.presign("PUT", bucket, key, 300);
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(putUrl)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        URI getUrl = client.presign("GET", bucket, key, 300);
        HttpResponse<byte[]> get =
                http.send(HttpRequest.newBuilder(getUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);

        assertThatThrownBy(() -> client.presign("GET", bucket, key, SigV4Signer.MAX_PRESIGN_SECONDS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 days");
        assertThat(client.presign("GET", bucket, key, SigV4Signer.MAX_PRESIGN_SECONDS)
                        .getRawQuery())
                .contains("X-Amz-Expires=604800");
    }

    @Test
    void theSdkReadsWhatTheLiteClientWroteAndTheOtherWayRound() {
        try (S3Client sdk = sdk()) {
            Random random = new Random(3);
            for (String key : AWKWARD_KEYS) {
                byte[] data = new byte[random.nextInt(5000)];
                random.nextBytes(data);
                client.putObject(bucket, "interop/lite/" + key, data).join();
                assertThat(sdk.getObjectAsBytes(b -> b.bucket(bucket).key("interop/lite/" + key))
                                .asByteArray())
                        .as(key)
                        .isEqualTo(data);

                sdk.putObject(b -> b.bucket(bucket).key("interop/sdk/" + key), RequestBody.fromBytes(data));
                assertThat(client.getObject(bucket, "interop/sdk/" + key).join())
                        .as(key)
                        .isEqualTo(data);
            }
        }
    }

    /*
     * An object stored with Content-Encoding: gzip (by any client) is bytes like any other: a GET returns
     * them as stored, as S3 and the SDK do. An HTTP client that inflates them on the way in would hand
     * back other bytes, more of them than the Content-Length promised.
     */
    @Test
    void anObjectStoredWithAContentEncodingIsReadBackAsStored() throws Exception {
        byte[] text = "the same line, again and again\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(text);
        }
        byte[] stored = gzipped.toByteArray();
        try (S3Client sdk = sdk()) {
            sdk.putObject(
                    b -> b.bucket(bucket)
                            .key("encoded/gzip")
                            .contentEncoding("gzip")
                            .contentType("text/plain"),
                    RequestBody.fromBytes(stored));
        }
        assertThat(client.getObject(bucket, "encoded/gzip").join()).isEqualTo(stored);
    }

    // ---- helpers ----

    private static S3Client sdk() {
        return S3Client.builder()
                .endpointOverride(store.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        store.credentials().accessKeyId(), store.credentials().secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    static List<String> listAll(LiteS3Client store, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListPage page = store.listObjects(bucket, prefix, token, 1000).join();
            page.objects().forEach(o -> keys.add(o.key()));
            token = page.nextContinuationToken();
        } while (token != null);
        return keys;
    }

    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail");
    }

    static ObjectStoreException storeException(CompletableFuture<?> future) {
        Throwable failure = failure(future);
        assertThat(failure).isInstanceOf(ObjectStoreException.class);
        return (ObjectStoreException) failure;
    }

    static String code(CompletableFuture<?> future) {
        return storeException(future).code();
    }
}
