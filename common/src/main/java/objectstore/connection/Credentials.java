package objectstore.connection;

/**
 * An access key pair (and an optional session token) with where it came from. {@link #toString()} never shows the
 * secret.
 */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, String source) {

    public Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("credentials from " + source + " lack an access key id or a secret");
        }
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    }

    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + " from " + source + (sessionToken != null ? ", with session token" : "")
                + "]";
    }
}
