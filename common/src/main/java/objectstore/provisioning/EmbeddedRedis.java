package objectstore.provisioning;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server started as a child process on a free loopback port, with a random password made for this run and no
 * persistence. Which binary it runs is a {@link RedisServerBinary}: the bundled one unless {@code --redis-server} or
 * {@code REDIS_SERVER} says otherwise.
 */
public final class EmbeddedRedis implements AutoCloseable, LocalServer {

    private ChildProcess child;
    private final RedisServerBinary binary;
    private final int port;
    private final String password;
    private final Path workDir;

    private EmbeddedRedis(ChildProcess child, RedisServerBinary binary, int port, String password, Path workDir) {
        this.child = child;
        this.binary = binary;
        this.port = port;
        this.password = password;
        this.workDir = workDir;
    }

    /**
     * Starts the redis-server {@code REDIS_SERVER} names (else the bundled one), its files in a new folder under
     * {@code parent}.
     */
    public static EmbeddedRedis start(Path parent) {
        return start(parent, RedisServerBinary.fromEnvironment(System.getenv()));
    }

    /** Starts {@code binary}, keeping its configuration and log in a new folder under {@code parent}. */
    public static EmbeddedRedis start(Path parent, RedisServerBinary binary) {
        return start(parent, binary, ChildProcess.freePort(), EmbeddedS3Proxy.randomHex(16), List.of());
    }

    /**
     * Starts {@code binary} on {@code port} with {@code password} and {@code moreConfig} (lines of redis.conf, e.g. a
     * cluster node's), its files in a new folder under {@code parent}.
     */
    static EmbeddedRedis start(
            Path parent, RedisServerBinary binary, int port, String password, List<String> moreConfig) {
        Path workDir = EmbeddedS3Proxy.createWorkDir(parent);

        // 1. The configuration holds the password, so it lives in a file only we can read, not on the command line.
        Path config = workDir.resolve("redis.conf");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "bind 127.0.0.1",
                "port " + port,
                "protected-mode yes",
                "requirepass " + password,
                "save \"\"",
                "appendonly no",
                "dir " + workDir));
        lines.addAll(moreConfig);
        try {
            Files.createFile(
                    config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            EmbeddedS3Proxy.deleteRecursively(workDir);
            throw new StoreStartException(
                    "could not write the embedded Redis configuration in " + workDir + ": " + e.getMessage());
        }
        try {
            return new EmbeddedRedis(launch(binary.path(), workDir, port), binary, port, password, workDir);
        } catch (RuntimeException e) {
            EmbeddedS3Proxy.deleteRecursively(workDir);
            throw e;
        }
    }

    /**
     * Starts redis-server again on the same port and password, after it stopped or was killed; it starts empty (no
     * persistence).
     */
    public synchronized void restart() {
        child.close();
        child = launch(binary.path(), workDir, port);
    }

    /** The process id of the server (the shell that watches it and runs it). */
    public synchronized long pid() {
        return child.pid();
    }

    /** The process ids of the shell and the redis-server under it: a test kills them all to simulate a crash. */
    @Override
    public synchronized java.util.List<Long> pids() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(child.pid()),
                        ProcessHandle.of(child.pid()).stream()
                                .flatMap(ProcessHandle::descendants)
                                .map(ProcessHandle::pid))
                .toList();
    }

    /** The redis-server process itself, not the shell that watches it: what a crash test kills with SIGKILL. */
    public synchronized long serverPid() {
        return ProcessHandle.of(child.pid()).stream()
                .flatMap(ProcessHandle::children)
                .filter(p -> p.info().command().map(c -> !c.endsWith("/cat")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("redis-server on port " + port + " is not running"));
    }

    /*
     * redis-server cannot watch its parent, so a shell does: when our end of its input closes (we
     * stopped, or died), cat returns and the shell stops the server.
     */
    private static ChildProcess launch(Path binary, Path workDir, int port) {
        List<String> command = List.of(
                "/bin/sh",
                "-c",
                "\"$0\" \"$1\" & server=$!; cat >/dev/null; kill $server; wait $server",
                binary.toString(),
                workDir.resolve("redis.conf").toString());
        return ChildProcess.start("redis-server", command, workDir.resolve("redis.log"), port, Duration.ofSeconds(30));
    }

    /** The URI clients connect with; it carries the password, so never print it: use {@link #endpoint()}. */
    public URI uri() {
        return URI.create("redis://:" + password + "@127.0.0.1:" + port);
    }

    /** The endpoint without the password, for output. */
    public String endpoint() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The product and version, e.g. {@code Redis 6.2.11}. */
    public String product() {
        return "Redis " + binary.version();
    }

    /** The binary this server runs, and where it came from. */
    public RedisServerBinary binary() {
        return binary;
    }

    @Override
    public synchronized void close() {
        child.close();
        EmbeddedS3Proxy.deleteRecursively(workDir);
    }
}
