package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import objectstore.connection.Target;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectStoreException;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Action;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.Request;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bucket in another region, as S3 answers for one: the fault proxy plays S3's part in front of S3Proxy. One bucket
 * "lives" in eu-west-3, the others in us-east-1, and a request signed for the wrong region is answered as S3 answers it
 * (301 PermanentRedirect with x-amz-bucket-region, or 400 AuthorizationHeaderMalformed with {@code <Region>}); a
 * request signed for the right one goes on to S3Proxy, which checks the signature with whatever region the request
 * names. So the second request's credential scope is asserted as sent, and S3Proxy's acceptance proves it was signed
 * for that region.
 */
class RegionRedirectTest {

    static final String HOME = Target.DEFAULT_REGION;
    static final String AWAY = "eu-west-3";

    static EmbeddedS3Proxy store;

    @BeforeAll
    static void start() {
        store = TestStores.s3();
    }

    /** A bucket made directly on S3Proxy, outside the proxy. */
    static String bucket(String prefix) {
        String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            admin.createBucket(bucket).join();
        }
        return bucket;
    }

    /**
     * S3's side: {@code moved} lives in AWAY, the rest at HOME; {@code wrongRegion} is the answer to a request signed
     * for the other.
     */
    static FaultProxy.RequestRule s3Where(
            String moved, java.util.function.BiFunction<Request, String, Action> wrongRegion) {
        return request -> {
            String region = request.firstSegment().equals(moved) ? AWAY : HOME;
            return region.equals(request.signedRegion()) ? new Forward() : wrongRegion.apply(request, region);
        };
    }

    static LiteS3Client clientAt(FaultProxy proxy) {
        return LiteS3Client.of(new Target(proxy.endpoint(), store.credentials(), HOME));
    }

    static List<String> regionsSent(FaultProxy proxy) {
        return proxy.requests().stream().map(Request::signedRegion).toList();
    }

    @Test
    void a301PermanentRedirectIsFollowedOnceAndTheBucketsRegionRemembered() throws Exception {
        String moved = bucket("moved");
        String home = bucket("home");
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(),
                        s3Where(
                                moved,
                                (request, region) -> FaultProxy.permanentRedirect(request.firstSegment(), region)));
                LiteS3Client client = clientAt(proxy)) {
            byte[] data = {1, 2, 3};
            client.putObject(moved, "k", data).join();
            // Two requests: the first signed for us-east-1 and answered 301, the second signed for eu-west-3.
            assertThat(regionsSent(proxy)).containsExactly(HOME, AWAY);

            // The next call to that bucket goes straight to its region: one request, not two.
            assertThat(client.getObject(moved, "k").join()).isEqualTo(data);
            assertThat(regionsSent(proxy)).containsExactly(HOME, AWAY, AWAY);
            assertThat(client.headObject(moved, "k").join().size()).isEqualTo(3);
            assertThat(proxy.hits()).isEqualTo(4);

            // Another bucket is unaffected, and a presigned URL for the moved one is signed for its region.
            client.putObject(home, "k", data).join();
            assertThat(regionsSent(proxy)).hasSize(5).last().isEqualTo(HOME);
            assertThat(client.presign("GET", moved, "k", 60).getRawQuery())
                    .contains("%2F" + AWAY + "%2Fs3%2Faws4_request");
            assertThat(client.retries()).as("a redirect is not a retry").isZero();

            // A deleted bucket's region is forgotten: a bucket of that name may next be made anywhere.
            client.deleteObject(moved, "k").join();
            client.deleteBucket(moved).join();
            int before = proxy.hits();
            client.createBucket(moved).join();
            assertThat(regionsSent(proxy).subList(before, proxy.hits())).containsExactly(HOME, AWAY);
        }
    }

    @Test
    void a400AuthorizationHeaderMalformedNamingTheRegionIsFollowedToo() throws Exception {
        String moved = bucket("moved");
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(),
                        s3Where(
                                moved,
                                (request, region) ->
                                        FaultProxy.authorizationHeaderMalformed(request.signedRegion(), region)));
                LiteS3Client client = clientAt(proxy)) {
            assertThat(client.listObjects(moved, "", null, 10).join().objects()).isEmpty();
            assertThat(regionsSent(proxy)).containsExactly(HOME, AWAY);
            client.putObject(moved, "k", new byte[] {4}).join();
            assertThat(client.deleteObjects(moved, List.of("k")).join()).isEmpty();
            assertThat(regionsSent(proxy)).containsExactly(HOME, AWAY, AWAY, AWAY);
        }
    }

    @Test
    void aSecondAnswerOfTheKindFailsTheCallInsteadOfLooping() throws Exception {
        String bucket = bucket("loop");
        // A store that sends every request elsewhere, whatever it was signed for.
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (FaultProxy.RequestRule)
                        request -> FaultProxy.permanentRedirect(
                                bucket, request.signedRegion().equals(AWAY) ? "eu-central-1" : AWAY));
                LiteS3Client client = clientAt(proxy)) {
            Throwable failure = LiteS3ClientTest.failure(client.getObject(bucket, "k"));
            assertThat(failure).isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) failure).code()).isEqualTo("PermanentRedirect");
            assertThat(((ObjectStoreException) failure).status()).isEqualTo(301);
            assertThat(regionsSent(proxy)).containsExactly(HOME, AWAY);
            assertThat(client.retries()).isZero();
        }
    }

    @Test
    void anAnswerThatNamesTheRegionAlreadySignedForIsAnErrorAtOnce() throws Exception {
        String bucket = bucket("same");
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (FaultProxy.RequestRule)
                        request -> FaultProxy.permanentRedirect(bucket, HOME));
                LiteS3Client client = clientAt(proxy)) {
            Throwable failure = LiteS3ClientTest.failure(client.getObject(bucket, "k"));
            assertThat(((ObjectStoreException) failure).code()).isEqualTo("PermanentRedirect");
            assertThat(proxy.hits()).isEqualTo(1);
        }
    }
}
