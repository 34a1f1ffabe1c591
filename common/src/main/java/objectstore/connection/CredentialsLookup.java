package objectstore.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.store.UserError;

/**
 * Finds credentials for an external store, in the original experiments' order:
 * <ol>
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN});</li>
 *   <li>else the profile named by {@code AWS_PROFILE};</li>
 *   <li>else a profile named after the OS user;</li>
 *   <li>else a profile named {@code minio};</li>
 *   <li>else the {@code default} profile</li>
 * </ol>
 * from {@code ~/.aws/credentials} and {@code ~/.aws/config} (or {@code AWS_SHARED_CREDENTIALS_FILE} and
 * {@code AWS_CONFIG_FILE}); the credentials file wins where both name a profile.
 */
public final class CredentialsLookup {

    private CredentialsLookup() {
    }

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
                throw new UserError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; set both or neither");
            }
            return new Credentials(keyId, secret, env.get("AWS_SESSION_TOKEN"), "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        }

        Path credentialsFile = pathOf(env.get("AWS_SHARED_CREDENTIALS_FILE"), home.resolve(".aws").resolve("credentials"));
        Path configFile = pathOf(env.get("AWS_CONFIG_FILE"), home.resolve(".aws").resolve("config"));
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        read(configFile, true, env.containsKey("AWS_CONFIG_FILE"), profiles);
        read(credentialsFile, false, env.containsKey("AWS_SHARED_CREDENTIALS_FILE"), profiles);
        String where = credentialsFile + " or " + configFile;

        String named = env.get("AWS_PROFILE");
        if (notBlank(named)) {
            Map<String, String> profile = profiles.get(named);
            if (profile == null) {
                throw new UserError("profile '" + named + "' (from AWS_PROFILE) is not in " + where + "; add it or unset AWS_PROFILE");
            }
            return fromProfile(named, profile, "AWS_PROFILE");
        }
        for (String candidate : List.of(userName == null ? "" : userName, "minio", "default")) {
            Map<String, String> profile = profiles.get(candidate);
            if (profile != null && profile.containsKey("aws_access_key_id")) {
                return fromProfile(candidate, profile, candidate.equals(userName) ? "the OS user's name" : candidate.equals("minio") ? "the minio convention" : "the default");
            }
        }
        throw new UserError("no credentials for the store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [minio] profile to "
                + credentialsFile + " (or use the embedded store: --store embedded)");
    }

    private static Credentials fromProfile(String name, Map<String, String> profile, String why) {
        String keyId = profile.get("aws_access_key_id");
        String secret = profile.get("aws_secret_access_key");
        if (!notBlank(keyId) || !notBlank(secret)) {
            throw new UserError("profile '" + name + "' lacks aws_access_key_id or aws_secret_access_key; add both to it");
        }
        return new Credentials(keyId, secret, profile.get("aws_session_token"), "profile '" + name + "' (" + why + ")");
    }

    /** Reads an INI file of profiles into {@code profiles}; a missing file is fine unless it was named explicitly. */
    private static void read(Path file, boolean configStyle, boolean named, Map<String, Map<String, String>> profiles) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (named) {
                throw new UserError("credentials file " + file + " does not exist; fix the path or unset the variable that names it");
            }
            return;
        } catch (IOException e) {
            if (!Files.exists(file) && !named) {
                return;
            }
            throw new UserError("cannot read " + file + " (" + e.getClass().getSimpleName() + "); check its permissions");
        }
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new UserError(file + " line " + (i + 1) + " is not a valid [profile] header; fix or remove it");
                }
                String name = line.substring(1, line.length() - 1).strip();
                if (configStyle && name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).strip();
                }
                current = profiles.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                if (current != null && Character.isWhitespace(lines.get(i).charAt(0))) {
                    continue; // a nested setting of the config file (s3 = ...), not ours
                }
                throw new UserError(file + " line " + (i + 1) + " is neither a [profile] nor a key = value; fix or remove it");
            }
            if (current == null) {
                throw new UserError(file + " line " + (i + 1) + " sets a value before any [profile] header; add one");
            }
            current.put(line.substring(0, eq).strip().toLowerCase(), line.substring(eq + 1).strip());
        }
    }

    private static Path pathOf(String value, Path otherwise) {
        return notBlank(value) ? Path.of(value) : otherwise;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
