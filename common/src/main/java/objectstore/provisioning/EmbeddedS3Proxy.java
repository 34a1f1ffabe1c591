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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import objectstore.connection.Credentials;
import objectstore.connection.Target;

/**
 * S3Proxy started as a child JVM, on a free loopback port, with signature checking on and random credentials made for
 * this run.
 *
 * <p>A child process keeps the server's heap, GC and JIT apart from the experiment it serves, so the client CPU the
 * harness reports is the client's. The server runs from S3Proxy's self-contained jar, which the build fetched into the
 * local Maven repository.
 *
 * <p>{@link Options} ask for more, as tests of the lite client on AWS's terms do: a host name under which buckets are
 * virtual-hosted ({@code bucket.localhost}), https with a given keystore, and requests that carry a session token.
 */
public final class EmbeddedS3Proxy implements AutoCloseable, LocalServer {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What the server does beyond plain http, path-style, on 127.0.0.1.
     *
     * @param virtualHost a host name whose subdomains name buckets ({@code localhost}: {@code bucket.localhost}), or
     *     null. The endpoints then use this name, not 127.0.0.1, because S3Proxy takes any other Host for a bucket's
     *     name; clients must resolve it (and its subdomains) to loopback
     * @param keystore a PKCS12 keystore with the certificate to serve https with, or null for no https; the certificate
     *     must name the virtual host (or localhost) and, for virtual-hosted https, its subdomains
     * @param keystorePassword the keystore's password
     * @param ignoreUnknownHeaders accept requests with headers S3Proxy does not implement, x-amz-security-token among
     *     them (it answers them 501 NotImplemented otherwise); signed headers are checked all the same, but a session
     *     token is not
     */
    public record Options(String virtualHost, Path keystore, String keystorePassword, boolean ignoreUnknownHeaders) {

        /** Plain http, path-style. */
        public static Options none() {
            return new Options(null, null, null, false);
        }

        /** These options with buckets virtual-hosted under {@code host}. */
        public Options withVirtualHost(String host) {
            return new Options(host, keystore, keystorePassword, ignoreUnknownHeaders);
        }

        /** These options with https too, served with the certificate in {@code pkcs12}. */
        public Options withHttps(Path pkcs12, String password) {
            return new Options(virtualHost, pkcs12, password, ignoreUnknownHeaders);
        }

        /** These options accepting headers S3Proxy does not implement, as a session token's. */
        public Options withUnknownHeadersIgnored() {
            return new Options(virtualHost, keystore, keystorePassword, true);
        }

        /** The host name the endpoints use: the virtual host, else 127.0.0.1 for http and localhost for https. */
        String hostName(boolean https) {
            return virtualHost != null ? virtualHost : https ? "localhost" : "127.0.0.1";
        }
    }

    private ChildProcess child;
    private final URI endpoint;
    private final URI secureEndpoint;
    private final Credentials credentials;
    private final Backend backend;
    private final Path workDir;
    private final Options options;

    private EmbeddedS3Proxy(
            ChildProcess child,
            URI endpoint,
            URI secureEndpoint,
            Credentials credentials,
            Backend backend,
            Path workDir,
            Options options) {
        this.child = child;
        this.endpoint = endpoint;
        this.secureEndpoint = secureEndpoint;
        this.credentials = credentials;
        this.backend = backend;
        this.workDir = workDir;
        this.options = options;
    }

    /**
     * Starts S3Proxy with the given backend, keeping its files (and disk objects) in a new folder under {@code parent}.
     */
    public static EmbeddedS3Proxy start(Backend backend, Path parent) {
        return start(backend, parent, Options.none());
    }

    /** As {@link #start(Backend, Path)}, with virtual-hosted buckets or https as {@code options} say. */
    public static EmbeddedS3Proxy start(Backend backend, Path parent, Options options) {
        Path workDir = createWorkDir(parent);
        URI endpoint = URI.create("http://" + options.hostName(false) + ":" + ChildProcess.freePort());
        URI secureEndpoint = options.keystore() == null
                ? null
                : URI.create("https://" + options.hostName(true) + ":" + ChildProcess.freePort());
        Credentials credentials = new Credentials(
                "EMB" + randomHex(8).toUpperCase(), randomHex(20), null, "random credentials of the embedded S3Proxy");
        try {
            ChildProcess child = launch(backend, workDir, endpoint, secureEndpoint, credentials, options);
            return new EmbeddedS3Proxy(child, endpoint, secureEndpoint, credentials, backend, workDir, options);
        } catch (RuntimeException e) {
            deleteRecursively(workDir);
            throw e;
        }
    }

    /**
     * Starts the server again on the same port, credentials and folder, after it stopped or was killed: with the disk
     * backend it finds the objects it had. A running server is stopped first.
     */
    public synchronized void restart() {
        child.close();
        child = launch(backend, workDir, endpoint, secureEndpoint, credentials, options);
    }

    /** True while the server process runs. */
    public boolean alive() {
        return child.alive();
    }

    private static ChildProcess launch(
            Backend backend, Path workDir, URI endpoint, URI secureEndpoint, Credentials credentials, Options options) {
        Path jar = s3proxyJar();
        int port = endpoint.getPort();

        // 1. The server's settings; the file holds the run's secret, so only we may read it. It listens on loopback
        // only.
        Path data = workDir.resolve("data");
        Properties settings = new Properties();
        settings.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        if (secureEndpoint != null) {
            settings.setProperty("s3proxy.secure-endpoint", "https://127.0.0.1:" + secureEndpoint.getPort());
            settings.setProperty(
                    "s3proxy.keystore-path", options.keystore().toAbsolutePath().toString());
            settings.setProperty("s3proxy.keystore-password", options.keystorePassword());
        }
        if (options.virtualHost() != null) {
            settings.setProperty("s3proxy.virtual-host", options.virtualHost());
        }
        if (options.ignoreUnknownHeaders()) {
            settings.setProperty("s3proxy.ignore-unknown-headers", "true");
        }
        settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        settings.setProperty("s3proxy.identity", credentials.accessKeyId());
        settings.setProperty("s3proxy.credential", credentials.secretAccessKey());
        settings.setProperty("jclouds.provider", backend.jcloudsProvider());
        settings.setProperty("jclouds.identity", credentials.accessKeyId());
        settings.setProperty("jclouds.credential", credentials.secretAccessKey());
        // Absolute: with a relative folder, the filesystem backend lists no parts of a multipart upload, and
        // CompleteMultipartUpload answers NoSuchUpload.
        settings.setProperty("jclouds.filesystem.basedir", data.toAbsolutePath().toString());
        Path settingsFile = workDir.resolve("s3proxy.properties");
        Path logbackFile = workDir.resolve("logback.xml");
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(settingsFile);
            Files.deleteIfExists(logbackFile);
            Files.createFile(
                    settingsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newOutputStream(settingsFile)) {
                settings.store(out, "embedded S3Proxy, made for one run");
            }
            // 2. S3Proxy logs at DEBUG unless given a configuration: keep it to warnings.
            try (InputStream quiet = EmbeddedS3Proxy.class.getResourceAsStream("/objectstore/s3proxy-logback.xml")) {
                Files.copy(quiet, logbackFile);
            }
        } catch (IOException e) {
            throw new StoreStartException(
                    "could not prepare the embedded S3Proxy in " + workDir + ": " + e.getMessage());
        }

        // 3. A child JVM that halts when we go away (see ParentWatch), with JVM_FLAGS unless S3PROXY_JVM_FLAGS says
        // otherwise.
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmFlags(System.getenv("S3PROXY_JVM_FLAGS")));
        command.addAll(List.of(
                "-Dlogback.configurationFile=" + logbackFile,
                "-cp",
                jar + java.io.File.pathSeparator + ownCodeLocation(),
                ParentWatch.class.getName(),
                "org.gaul.s3proxy.Main",
                "--properties",
                settingsFile.toString()));
        try {
            ChildProcess started = ChildProcess.start(
                    "S3Proxy", command, workDir.resolve("s3proxy.log"), port, Duration.ofSeconds(60));
            if (secureEndpoint != null) {
                awaitPort(started, secureEndpoint.getPort());
            }
            return started;
        } finally {
            try {
                Files.deleteIfExists(settingsFile);
            } catch (IOException e) {
                // the folder is removed at close anyway
            }
        }
    }

    /*
     * The server's JVM flags. A parallel collector and a fixed ceiling on the heap: S3Proxy's memory
     * backend holds every object on the heap, and its garbage is short-lived request buffers, which a
     * throughput collector clears in few, short pauses. docs/05-lite-http-s3.md compares these flags with
     * the JVM's defaults on the S3 ceiling; S3PROXY_JVM_FLAGS (space-separated, "" for none) replaces them
     * to measure others.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx2g", "-XX:+UseParallelGC");

    static List<String> jvmFlags(String override) {
        return override == null
                ? JVM_FLAGS
                : Arrays.stream(override.strip().split("\\s+"))
                        .filter(flag -> !flag.isEmpty())
                        .toList();
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT} ({@code http://VIRTUALHOST:PORT} with a virtual host). */
    public URI endpoint() {
        return endpoint;
    }

    /** The https endpoint, {@code https://localhost:PORT} (the virtual host's name with one), or null without https. */
    public URI secureEndpoint() {
        return secureEndpoint;
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

    /** What clients need to reach this server over https; null without https. */
    public Target secureTarget() {
        return secureEndpoint == null ? null : new Target(secureEndpoint, credentials, Target.DEFAULT_REGION);
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

    /** Jetty opens its connectors one after the other: the https one may follow the http one by a moment. */
    private static void awaitPort(ChildProcess started, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ChildProcess.accepts(port)) {
            if (System.nanoTime() > deadline) {
                started.close();
                throw new StoreStartException("S3Proxy did not listen for https on port " + port + " within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.close();
                throw new StoreStartException("interrupted while S3Proxy started");
            }
        }
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
            return Paths.get(ParentWatch.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (Exception e) {
            throw new StoreStartException("cannot locate the common module's classes: " + e.getMessage());
        }
    }

    static Path createWorkDir(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "store-");
        } catch (IOException e) {
            throw new StoreStartException("cannot create a folder for the embedded store under "
                    + parent.toAbsolutePath() + ": " + e.getMessage());
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
