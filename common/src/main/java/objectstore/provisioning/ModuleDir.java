package objectstore.provisioning;

import java.nio.file.Path;

/** The module a run belongs to: its folder (exec:java passes it; tests run in it), for paths under its target/. */
public final class ModuleDir {

    private ModuleDir() {}

    /** {@code relative} inside the module's folder, e.g. {@code target/results}. */
    public static Path resolve(String relative) {
        return Path.of(System.getProperty("objectstore.module.dir", "."))
                .resolve(relative)
                .normalize();
    }
}
