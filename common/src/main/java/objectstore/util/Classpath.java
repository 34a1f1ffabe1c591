package objectstore.util;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The classpath this JVM runs with, to start a child JVM on the same classes. */
public final class Classpath {

    private Classpath() {}

    /**
     * The class loader's entries when it has some of its own (exec:java), else {@code java.class.path} (a JVM started
     * with -cp, as the suite starts the chapters, or a test's); entries that are not files are left out.
     */
    public static List<String> current() {
        Set<String> entries = new LinkedHashSet<>();
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 1) {
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Paths.get(url.toURI()).toString());
                } catch (Exception e) {
                    // not a file: not for a child's classpath
                }
            }
        } else {
            entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
        return List.copyOf(entries);
    }
}
