package objectstore.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of a library on the classpath, for the line that says which client a run measured. */
public final class LibraryVersion {

    private LibraryVersion() {}

    /**
     * The version Maven recorded in the library's jar ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}), else the
     * manifest's Implementation-Version of {@code type}'s package, else "?".
     */
    public static String of(Class<?> type, String groupId, String artifactId) {
        try (InputStream in =
                type.getResourceAsStream("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall back to the manifest
        }
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "?" : version;
    }
}
