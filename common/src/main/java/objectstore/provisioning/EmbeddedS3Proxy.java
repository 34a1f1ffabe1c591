package objectstore.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import objectstore.connection.Credentials;
import objectstore.connection.Target;

/**
 * S3Proxy started as a child JVM, on a free loopback port, with signature checking on and random
 * credentials made for this run.
 *
 * <p>A child process keeps the server's heap, GC and JIT apart from the experiment it serves, so the
 * client CPU the harness reports is the client's. The server runs from S3Proxy's self-contained jar,
 * which the build fetched into the local Maven repository.
 */
public final class EmbeddedS3Proxy implements AutoCloseable, LocalServer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChildProcess child;
    private final URI endpoint;
    private final Credentials credentials;
    private final Backend backend;
    private final Path workDir;

    private EmbeddedS3Proxy(ChildProcess child, URI endpoint, Credentials credentials, Backend backend, Path workDir) {
        this.child = child;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.backend = backend;
        this.workDir = workDir;
    }

    /** Starts S3Proxy with the given backend, keeping its files (and disk objects) in a new folder under {@code parent}. */
    public static EmbeddedS3Proxy start(Backend backend, Path parent) {
        Path workDir = createWorkDir(parent);
        int port = ChildProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Credentials credentials = new Credentials("EMB" + randomHex(8).toUpperCase(), randomHex(20), null,
                "random credentials of the embedded S3Proxy");
        try {
            ChildProcess child = launch(backend, workDir, endpoint, credentials);
            return new EmbeddedS3Proxy(child, endpoint, credentials, backend, workDir);
        } catch (RuntimeException e) {
            deleteRecursively(workDir);
            throw e;
        }
    }

    /**
     * Starts the server again on the same port, credentials and folder, after it stopped or was killed:
     * with the disk backend it finds the objects it had. A running server is stopped first.
     */
    public synchronized void restart() {
        child.close();
        child = launch(backend, workDir, endpoint, credentials);
    }

    /** True while the server process runs. */
    public boolean alive() {
        return child.alive();
    }

    private static ChildProcess launch(Backend backend, Path workDir, URI endpoint, Credentials credentials) {
        Path jar = s3proxyJar();
        int port = endpoint.getPort();

        // 1. The server's settings; the file holds the run's secret, so only we may read it.
        Path data = workDir.resolve("data");
        Properties settings = new Properties();
        settings.setProperty("s3proxy.endpoint", endpoint.toString());
        settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        settings.setProperty("s3proxy.identity", credentials.accessKeyId());
        settings.setProperty("s3proxy.credential", credentials.secretAccessKey());
        settings.setProperty("jclouds.provider", backend.jcloudsProvider());
        settings.setProperty("jclouds.identity", credentials.accessKeyId());
        settings.setProperty("jclouds.credential", credentials.secretAccessKey());
        settings.setProperty("jclouds.filesystem.basedir", data.toString());
        Path settingsFile = workDir.resolve("s3proxy.properties");
        Path logbackFile = workDir.resolve("logback.xml");
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(settingsFile);
            Files.deleteIfExists(logbackFile);
            Files.createFile(settingsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newOutputStream(settingsFile)) {
                settings.store(out, "embedded S3Proxy, made for one run");
            }
            // 2. S3Proxy logs at DEBUG unless given a configuration: keep it to warnings.
            try (InputStream quiet = EmbeddedS3Proxy.class.getResourceAsStream("/objectstore/s3proxy-logback.xml")) {
                Files.copy(quiet, logbackFile);
            }
        } catch (IOException e) {
            throw new StoreStartException("could not prepare the embedded S3Proxy in " + workDir + ": " + e.getMessage());
        }

        // 3. A child JVM that halts when we go away (see ParentWatch).
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-Xmx2g", "-XX:+UseParallelGC",
                "-Dlogback.configurationFile=" + logbackFile,
                "-cp", jar + java.io.File.pathSeparator + ownCodeLocation(),
                ParentWatch.class.getName(), "org.gaul.s3proxy.Main",
                "--properties", settingsFile.toString()));
        try {
            return ChildProcess.start("S3Proxy", command, workDir.resolve("s3proxy.log"), port, Duration.ofSeconds(60));
        } finally {
            try {
                Files.deleteIfExists(settingsFile);
            } catch (IOException e) {
                // the folder is removed at close anyway
            }
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    public Credentials credentials() {
        return credentials;
    }

    public Backend backend() {
        return backend;
    }

    /** What clients need to reach this server. */
    public Target target() {
        return new Target(endpoint, credentials, Target.DEFAULT_REGION);
    }

    /** The product and version, e.g. {@code S3Proxy 4.0.0}. */
    public static String product() {
        return "S3Proxy " + BuildProperties.get("s3proxy.version");
    }

    /** The server's process id (a new one after {@link #restart()}). */
    public synchronized long pid() {
        return child.pid();
    }

    @Override
    public synchronized List<Long> pids() {
        return List.of(child.pid());
    }

    /** The folder holding the server's log and, with the disk backend, its objects. */
    public Path workDir() {
        return workDir;
    }

    /** Stops the server and removes its folder. */
    @Override
    public synchronized void close() {
        child.close();
        deleteRecursively(workDir);
    }

    static Path s3proxyJar() {
        String override = System.getProperty("s3proxy.jar", System.getenv("S3PROXY_JAR"));
        Path jar = Paths.get(override != null ? override : BuildProperties.get("s3proxy.jar"));
        if (override == null && !Files.isReadable(jar)) {
            jar = Paths.get(BuildProperties.get("s3proxy.jar.copy"));
        }
        if (!Files.isReadable(jar)) {
            throw new StoreStartException("the S3Proxy jar is missing at " + jar
                    + "; run ./mvnw install -DskipTests once (it fetches it), or set S3PROXY_JAR");
        }
        return jar;
    }

    static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar or classes folder this class came from, so the child can run {@link ParentWatch}. */
    static String ownCodeLocation() {
        try {
            return Paths.get(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new StoreStartException("cannot locate the common module's classes: " + e.getMessage());
        }
    }

    static Path createWorkDir(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "store-");
        } catch (IOException e) {
            throw new StoreStartException("cannot create a folder for the embedded store under " + parent.toAbsolutePath()
                    + ": " + e.getMessage());
        }
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover folder under target/ goes with the next clean
        }
    }
}
