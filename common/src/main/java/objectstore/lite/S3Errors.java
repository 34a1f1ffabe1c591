package objectstore.lite;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.netty.handler.codec.http.HttpHeaders;

import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;

/**
 * What a failed call becomes: an {@link ObjectStoreException} with S3's code for an answer that is an
 * error, a {@link StoreUnavailableException} naming the endpoint for no answer or a broken one.
 */
final class S3Errors {

    private S3Errors() {
    }

    /** S3's XML error body to an ObjectStoreException; a body-less answer (HEAD) gets the code its status implies. */
    static ObjectStoreException answered(Call call, int status, HttpHeaders headers, byte[] body) {
        String requestId = headers == null ? null : headers.get("x-amz-request-id");
        Map<String, String> error = body.length > 0 ? S3Xml.error(body) : null;
        if (error != null && error.get("Code") != null) {
            String bodyRequestId = error.get("RequestId");
            return new ObjectStoreException(error.get("Code"), status, error.get("Message"), bodyRequestId != null ? bodyRequestId : requestId);
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

    /** A body of another length than its Content-Length: a connection cut half-way, or a store that sent more than it promised. */
    static StoreUnavailableException brokenBody(String endpoint, Call call, int received, int promised, boolean overflowed) {
        return new StoreUnavailableException("the answer from " + endpoint + " to " + call.method + " " + call.target()
                + " had " + (overflowed ? "more than " : "") + received + " body bytes where its Content-Length promised "
                + promised, null);
    }

    /** A failure without an answer to a StoreUnavailableException that names the endpoint; our own errors pass unchanged. */
    static Throwable unanswered(Throwable failure, String endpoint, LiteSettings settings) {
        Throwable cause = Causes.root(failure);
        if (cause instanceof IllegalArgumentException || cause instanceof ObjectStoreException) {
            return cause;
        }
        if (cause instanceof ConnectException) {
            String why = cause.getMessage() == null ? "connection refused" : cause.getMessage();
            int address = why.indexOf(": ");
            return new StoreUnavailableException("cannot connect to " + endpoint + ": "
                    + (address > 0 ? why.substring(0, address) : why), cause);
        }
        if (cause instanceof TimeoutException) {
            Duration read = settings.readTimeout();
            Duration request = settings.requestTimeout();
            return new StoreUnavailableException("no answer from " + endpoint + " in time (" + cause.getMessage()
                    + "; timeouts: " + read.toMillis() + " ms of silence, " + request.toMillis() + " ms per request)", cause);
        }
        if (cause instanceof IOException) {
            return new StoreUnavailableException("connection to " + endpoint + " failed: " + cause, cause);
        }
        return cause;
    }
}
