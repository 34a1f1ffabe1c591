package objectstore.provisioning;

/** A store could not be started or reached; the message is one line that says what to do. */
public class StoreStartException extends RuntimeException {

    public StoreStartException(String message) {
        super(message);
    }
}
