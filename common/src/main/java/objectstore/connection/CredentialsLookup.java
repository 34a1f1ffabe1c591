package objectstore.connection;

import static objectstore.connection.ProfileFiles.notBlank;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.store.UserError;

/**
 * Finds credentials for an external store, in the original experiments' order:
 *
 * <ol>
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN});
 *   <li>else the profile named by {@code AWS_PROFILE};
 *   <li>else a profile named after the OS user;
 *   <li>else a profile named {@code minio};
 *   <li>else the {@code default} profile
 * </ol>
 *
 * from {@code ~/.aws/credentials} and {@code ~/.aws/config} (or {@code AWS_SHARED_CREDENTIALS_FILE} and
 * {@code AWS_CONFIG_FILE}); the credentials file wins where both name a profile.
 */
public final class CredentialsLookup {

    private CredentialsLookup() {}

    /** Looks credentials up in this process's environment. */
    public static Credentials fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
    }

    /** Looks credentials up in the given environment, for the given OS user and home folder. */
    public static Credentials resolve(Map<String, String> env, String userName, Path home) {
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (notBlank(keyId) || notBlank(secret)) {
            if (!notBlank(keyId) || !notBlank(secret)) {
                throw new UserError(
                        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; set both or neither");
            }
            return new Credentials(
                    keyId,
                    secret,
                    env.get("AWS_SESSION_TOKEN"),
                    "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        }

        Path credentialsFile = ProfileFiles.credentialsFile(env, home);
        Path configFile = ProfileFiles.configFile(env, home);
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        ProfileFiles.read(configFile, true, env.containsKey("AWS_CONFIG_FILE") ? "AWS_CONFIG_FILE" : null, profiles);
        ProfileFiles.read(
                credentialsFile,
                false,
                env.containsKey("AWS_SHARED_CREDENTIALS_FILE") ? "AWS_SHARED_CREDENTIALS_FILE" : null,
                profiles);
        String where = credentialsFile + " or " + configFile;

        String named = env.get("AWS_PROFILE");
        if (notBlank(named)) {
            Map<String, String> profile = profiles.get(named);
            if (profile == null) {
                throw new UserError("profile '" + named + "' (from AWS_PROFILE) is not in " + where
                        + "; add it or unset AWS_PROFILE");
            }
            return fromProfile(named, profile, "AWS_PROFILE");
        }
        for (String candidate : List.of(userName == null ? "" : userName, "minio", "default")) {
            Map<String, String> profile = profiles.get(candidate);
            if (profile != null && profile.containsKey("aws_access_key_id")) {
                return fromProfile(
                        candidate,
                        profile,
                        candidate.equals(userName)
                                ? "the OS user's name"
                                : candidate.equals("minio") ? "the minio convention" : "the default");
            }
        }
        throw new UserError("no credentials for the store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a"
                + " [minio] profile to " + credentialsFile + " (or use the embedded store: --store embedded)");
    }

    private static Credentials fromProfile(String name, Map<String, String> profile, String why) {
        String keyId = profile.get("aws_access_key_id");
        String secret = profile.get("aws_secret_access_key");
        if (!notBlank(keyId) || !notBlank(secret)) {
            throw new UserError(
                    "profile '" + name + "' lacks aws_access_key_id or aws_secret_access_key; add both to it");
        }
        return new Credentials(keyId, secret, profile.get("aws_session_token"), "profile '" + name + "' (" + why + ")");
    }
}
