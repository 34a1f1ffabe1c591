package objectstore.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts the build wrote into {@code objectstore-build.properties}: versions and where the S3Proxy jar is. */
final class BuildProperties {

    private static final Properties PROPERTIES = load();

    private BuildProperties() {}

    static String get(String name) {
        String value = PROPERTIES.getProperty(name);
        if (value == null || value.contains("${")) {
            throw new StoreStartException(
                    "the build did not record " + name + "; rebuild with ./mvnw install -DskipTests");
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildProperties.class.getResourceAsStream("/objectstore-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // reported by get()
        }
        return properties;
    }
}
