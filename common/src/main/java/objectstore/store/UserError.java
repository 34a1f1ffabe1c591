package objectstore.store;

/**
 * A problem the user can fix: bad input, a missing file, a store that does not answer. Its message is one line that
 * names the problem and the fix; mains print it without a stack trace and exit non-zero.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message, null, false, false);
    }
}
