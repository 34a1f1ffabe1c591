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
 * The AWS CLI's two INI files, {@code ~/.aws/credentials} and {@code ~/.aws/config} (or the files
 * {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE} name), read into profiles: what
 * {@link CredentialsLookup} and {@link RegionLookup} both look in.
 */
final class ProfileFiles {

    private ProfileFiles() {}

    /** {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}. */
    static Path credentialsFile(Map<String, String> env, Path home) {
        return pathOf(
                env.get("AWS_SHARED_CREDENTIALS_FILE"), home.resolve(".aws").resolve("credentials"));
    }

    /** {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    static Path configFile(Map<String, String> env, Path home) {
        return pathOf(env.get("AWS_CONFIG_FILE"), home.resolve(".aws").resolve("config"));
    }

    /**
     * Reads an INI file of profiles into {@code profiles} (a later file's values win); a missing file is fine unless
     * {@code namedBy}, the variable that named it, is not null. In the config file a profile's header is
     * {@code [profile NAME]}, except {@code [default]}.
     */
    static void read(Path file, boolean configStyle, String namedBy, Map<String, Map<String, String>> profiles) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (namedBy != null) {
                throw new UserError("file " + file + " (named by " + namedBy
                        + ") does not exist; fix the path or unset " + namedBy);
            }
            return;
        } catch (IOException e) {
            if (!Files.exists(file) && namedBy == null) {
                return;
            }
            throw new UserError(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + "); check its permissions");
        }
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new UserError(
                            file + " line " + (i + 1) + " is not a valid [profile] header; fix or remove it");
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
                throw new UserError(
                        file + " line " + (i + 1) + " is neither a [profile] nor a key = value; fix or remove it");
            }
            if (current == null) {
                throw new UserError(file + " line " + (i + 1) + " sets a value before any [profile] header; add one");
            }
            current.put(
                    line.substring(0, eq).strip().toLowerCase(),
                    line.substring(eq + 1).strip());
        }
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static Path pathOf(String value, Path otherwise) {
        return notBlank(value) ? Path.of(value) : otherwise;
    }
}
