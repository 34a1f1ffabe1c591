package objectstore.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/** The failure that matters, without the wrappers that futures put around it. */
public final class Causes {

    private Causes() {}

    /** The first cause that is not a {@link CompletionException} or an {@link ExecutionException}. */
    public static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The root cause's type and the first line of its message, e.g. {@code ConnectException: Connection refused}. */
    public static String describe(Throwable failure) {
        Throwable cause = root(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** What Netty's epoll transport puts before the reason: {@code finishConnect(..) failed with error(-111): }. */
    private static final Pattern NATIVE_CALL = Pattern.compile("^\\S+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");

    /**
     * Why a connection could not be made, from the exception that says so: its message up to the first {@code ": "},
     * without the native call before it, e.g. {@code Connection refused} from {@code Connection refused:
     * /127.0.0.1:9001} (NIO) or {@code finishConnect(..) failed with error(-111): Connection refused} (epoll).
     */
    public static String connectFailure(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        String reason = NATIVE_CALL.matcher(message).replaceFirst("");
        int address = reason.indexOf(": ");
        return address > 0 ? reason.substring(0, address) : reason;
    }
}
