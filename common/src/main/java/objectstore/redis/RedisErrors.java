package objectstore.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.util.Causes;

/**
 * Redis's answers as S3's errors: a script's {@code CODE message} as that S3 error, Redis's own refusals (ACL, a
 * cluster without a master, a full server) as AccessDenied or ServiceUnavailable, and a store that does not answer as
 * {@link StoreUnavailableException}. Messages name the endpoint without its password.
 */
final class RedisErrors {

    private final String endpoint;
    private final Duration timeout;

    RedisErrors(String endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** The S3 error for how {@code operation} failed; the project's own exceptions pass as they are. */
    RuntimeException translate(Throwable failure, String operation, String bucket, String key) {
        Throwable cause = Causes.root(failure);
        if (cause instanceof ObjectStoreException
                || cause instanceof StoreUnavailableException
                || cause instanceof IllegalArgumentException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof RedisCommandExecutionException answered) {
            String reply = String.valueOf(answered.getMessage());
            String code = codeOf(reply);
            return switch (code) {
                case "NoSuchBucket" ->
                    new ObjectStoreException(code, 404, "bucket " + bucket + " does not exist", null);
                case "NoSuchKey" -> new ObjectStoreException(code, 404, "no key " + key + " in bucket " + bucket, null);
                case "BucketNotEmpty" ->
                    new ObjectStoreException(code, 409, "bucket " + bucket + " still holds objects", null);
                default -> redisError(reply, operation);
            };
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return new StoreUnavailableException(
                    endpoint + " did not answer " + operation + " within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof RedisException) {
            return new StoreUnavailableException(
                    "lost the connection to " + endpoint + ": " + cause.getMessage(), cause);
        }
        return new StoreUnavailableException(operation + " on " + endpoint + " failed: " + cause, cause);
    }

    /** The S3 error code a script answered, NoSuchBucket or BucketNotEmpty, or "failed" for any other failure. */
    static String scriptErrorCode(Throwable failure) {
        if (Causes.root(failure) instanceof RedisCommandExecutionException answered) {
            String code = codeOf(String.valueOf(answered.getMessage()));
            if (code.equals("NoSuchBucket") || code.equals("BucketNotEmpty")) {
                return code;
            }
        }
        return "failed";
    }

    /*
     * Errors Redis raises itself. An ACL refusal of the command we sent starts with NOPERM (NOAUTH and
     * WRONGPASS for credentials) on every version. One raised inside a script does not: 6.2 and 7 both
     * wrap it in ERR ("ERR Error running script ... The user executing the script can't run this
     * command or subcommand" on 6.2, "ERR The user executing the script can't ... script: SHA, on
     * @user_script:1." on 7), so that sentence is what marks it. A server at its maxmemory answers OOM,
     * before the script on 7 and from the first write inside it, wrapped in ERR, on 6.2.
     */
    private ObjectStoreException redisError(String reply, String operation) {
        if (reply.startsWith("NOAUTH")
                || reply.startsWith("WRONGPASS")
                || reply.startsWith("NOPERM")
                || reply.contains("The user executing the script can't")) {
            return new ObjectStoreException(
                    "AccessDenied", 403, endpoint + " refused " + operation + ": " + firstLine(reply), null);
        }
        if (reply.startsWith("CLUSTERDOWN") || reply.startsWith("TRYAGAIN")) {
            // A cluster that lost a master and has not yet promoted its replica, or a slot being moved.
            return new ObjectStoreException(
                    "ServiceUnavailable",
                    503,
                    endpoint + " could not serve " + operation + " now: " + firstLine(reply),
                    null);
        }
        if (reply.contains("OOM command not allowed")) {
            return new ObjectStoreException(
                    "ServiceUnavailable",
                    503,
                    endpoint + " is out of memory (maxmemory) and refused " + operation + ": " + firstLine(reply),
                    null);
        }
        return new ObjectStoreException(
                "InternalError", 500, endpoint + " failed " + operation + ": " + firstLine(reply), null);
    }

    /** Why opening the connection failed, without the password: refused or unreachable, or refused credentials. */
    static RuntimeException connectFailure(String endpoint, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof RedisCommandExecutionException
                    && (message.startsWith("WRONGPASS")
                            || message.startsWith("NOAUTH")
                            || message.startsWith("ERR invalid password"))) {
                String hint = message.startsWith("NOAUTH")
                        ? "it needs a password: give it as redis://:PASSWORD@host:port"
                        : "it refused the password in the endpoint URI (" + firstLine(message) + ")";
                return new ObjectStoreException("AccessDenied", 403, endpoint + ": " + hint, null);
            }
            if (t instanceof RedisCommandExecutionException && message.startsWith("NOPERM")) {
                return new ObjectStoreException(
                        "AccessDenied",
                        403,
                        endpoint + ": the user may not load the facade's scripts"
                                + " (it needs SCRIPT, EVALSHA, EVAL and the commands they call): " + firstLine(message),
                        null);
            }
        }
        if (failure instanceof RedisConnectionException || failure instanceof RedisCommandTimeoutException) {
            Throwable deepest = failure;
            while (deepest.getCause() != null) {
                deepest = deepest.getCause();
            }
            return new StoreUnavailableException(
                    "cannot connect to " + endpoint + ": " + Causes.connectFailure(deepest), failure);
        }
        return failure;
    }

    /** A script's error reply starts with its S3 code, then a space: "NoSuchBucket no such bucket". */
    private static String codeOf(String reply) {
        return reply.substring(0, Math.max(0, reply.indexOf(' ')));
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
