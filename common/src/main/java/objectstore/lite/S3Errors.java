package objectstore.lite;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;

/**
 * What a failed call becomes: an {@link ObjectStoreException} with S3's code for an answer that is an error, a
 * {@link StoreUnavailableException} naming the endpoint for no answer or a broken one.
 */
final class S3Errors {

    private S3Errors() {}

    /**
     * S3's XML error body ({@code error}, as {@link S3Xml#error} read it; null for none) to an ObjectStoreException; a
     * body-less answer (HEAD) gets the code its status implies.
     */
    static ObjectStoreException answered(Call call, int status, HttpHeaders headers, Map<String, String> error) {
        String requestId = headers == null ? null : headers.get("x-amz-request-id");
        if (error != null && error.get("Code") != null) {
            String bodyRequestId = error.get("RequestId");
            return new ObjectStoreException(
                    error.get("Code"), status, error.get("Message"), bodyRequestId != null ? bodyRequestId : requestId);
        }
        String code = switch (status) {
            case 404 -> call.key != null ? "NoSuchKey" : "NoSuchBucket";
            case 403 -> "AccessDenied";
            case 400 -> "BadRequest";
            case 301, 307 -> "PermanentRedirect";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 503 -> "SlowDown";
            default -> "HTTP" + status;
        };
        return new ObjectStoreException(code, status, null, requestId);
    }

    /**
     * The bucket's region, when the answer says the call went to or was signed for another one; else null. S3 answers a
     * request for a bucket in another region with 301 PermanentRedirect (307 TemporaryRedirect while a new bucket's
     * name spreads) or 400 AuthorizationHeaderMalformed, and says where the bucket is in the x-amz-bucket-region
     * header, else in the body's {@code <Region>}, else in the host name of its {@code <Endpoint>}. A HEAD's answer has
     * no body: the header alone.
     */
    static String bucketRegion(ObjectStoreException error, HttpHeaders headers, Map<String, String> xml) {
        int status = error.status();
        boolean elsewhere = status == 301
                || status == 307
                || status == 400 && (xml == null || "AuthorizationHeaderMalformed".equals(error.code()));
        if (!elsewhere) {
            return null;
        }
        String region = headers == null ? null : headers.get("x-amz-bucket-region");
        if (!isRegion(region) && xml != null) {
            region = xml.get("Region");
            if (!isRegion(region) && xml.get("Endpoint") != null) {
                region = BucketRoutes.regionOf(xml.get("Endpoint"));
            }
        }
        return isRegion(region) ? region.strip() : null;
    }

    /**
     * Lower-case letters, digits and dashes, as every region is named: nothing else goes into a host name or a scope.
     */
    private static boolean isRegion(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return text.strip().chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-');
    }

    /**
     * A body of another length than its Content-Length: a connection cut half-way, or a store that sent more than it
     * promised.
     */
    static StoreUnavailableException brokenBody(
            String endpoint, Call call, long received, long promised, boolean overflowed) {
        return new StoreUnavailableException(
                "the answer from " + endpoint + " to " + call.method + " " + call.target()
                        + " had " + (overflowed ? "more than " : "") + received
                        + " body bytes where its Content-Length promised "
                        + promised,
                null);
    }

    /**
     * A failure without an answer to a StoreUnavailableException that names the endpoint; our own errors pass
     * unchanged.
     */
    static Throwable unanswered(Throwable failure, String endpoint, LiteSettings settings) {
        Throwable cause = Causes.root(failure);
        if (cause instanceof IllegalArgumentException || cause instanceof ObjectStoreException) {
            return cause;
        }
        if (cause instanceof ConnectException) {
            return new StoreUnavailableException(
                    "cannot connect to " + endpoint + ": " + Causes.connectFailure(cause), cause);
        }
        if (cause instanceof TimeoutException) {
            Duration read = settings.readTimeout();
            Duration request = settings.requestTimeout();
            return new StoreUnavailableException(
                    "no answer from " + endpoint + " in time (" + cause.getMessage() + "; timeouts: " + read.toMillis()
                            + " ms of silence, " + request.toMillis() + " ms per request)",
                    cause);
        }
        if (cause instanceof IOException) {
            return new StoreUnavailableException("connection to " + endpoint + " failed: " + cause, cause);
        }
        return cause;
    }
}
