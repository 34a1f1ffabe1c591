package objectstore.store;

/** The store did not answer: connection refused, reset or timed out. The message names the endpoint. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
