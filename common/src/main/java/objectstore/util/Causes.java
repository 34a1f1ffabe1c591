package objectstore.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure that matters, without the wrappers that futures put around it. */
public final class Causes {

    private Causes() {
    }

    /** The first cause that is not a {@link CompletionException} or an {@link ExecutionException}. */
    public static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The root cause's type and the first line of its message, e.g. {@code ConnectException: Connection refused}. */
    public static String describe(Throwable failure) {
        Throwable cause = root(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
