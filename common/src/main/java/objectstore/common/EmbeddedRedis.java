package objectstore.common;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server started as a child process on a free loopback port, with a random password made for
 * this run and no persistence. The binary is a {@code redis-server} on PATH when there is one, else the
 * one the embedded-redis artifact ships.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private ChildProcess child;
    private final Path binary;
    private final int port;
    private final String password;
    private final String version;
    private final Path workDir;

    private EmbeddedRedis(ChildProcess child, Path binary, int port, String password, String version, Path workDir) {
        this.child = child;
        this.binary = binary;
        this.port = port;
        this.password = password;
        this.version = version;
        this.workDir = workDir;
    }

    /** Starts redis-server, keeping its configuration and log in a new folder under {@code parent}. */
    public static EmbeddedRedis start(Path parent) {
        Path binary = redisServerBinary();
        String version = versionOf(binary);
        Path workDir = EmbeddedS3Proxy.createWorkDir(parent);
        int port = ChildProcess.freePort();
        String password = EmbeddedS3Proxy.randomHex(16);

        // 1. The configuration holds the password, so it lives in a file only we can read, not on the command line.
        Path config = workDir.resolve("redis.conf");
        try {
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, String.join("\n",
                    "bind 127.0.0.1",
                    "port " + port,
                    "protected-mode yes",
                    "requirepass " + password,
                    "save \"\"",
                    "appendonly no",
                    "dir " + workDir,
                    "") + "\n");
        } catch (IOException e) {
            throw new StoreStartException("could not write the embedded Redis configuration in " + workDir + ": " + e.getMessage());
        }
        return new EmbeddedRedis(launch(binary, workDir, port), binary, port, password, version, workDir);
    }

    /** Starts redis-server again on the same port and password, after it stopped or was killed; it starts empty (no persistence). */
    public synchronized void restart() {
        child.close();
        child = launch(binary, workDir, port);
    }

    /** The process id of the server (the shell that watches it and runs it). */
    public synchronized long pid() {
        return child.pid();
    }

    /** The process ids of the shell and the redis-server under it: a test kills them all to simulate a crash. */
    public synchronized java.util.List<Long> pids() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(child.pid()),
                ProcessHandle.of(child.pid()).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
    }

    /*
     * redis-server cannot watch its parent, so a shell does: when our end of its input closes (we
     * stopped, or died), cat returns and the shell stops the server.
     */
    private static ChildProcess launch(Path binary, Path workDir, int port) {
        List<String> command = List.of("/bin/sh", "-c",
                "\"$0\" \"$1\" & server=$!; cat >/dev/null; kill $server; wait $server",
                binary.toString(), workDir.resolve("redis.conf").toString());
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

    /** The product and version, e.g. {@code Redis 6.2.6}. */
    public String product() {
        return "Redis " + version;
    }

    @Override
    public synchronized void close() {
        child.close();
        EmbeddedS3Proxy.deleteRecursively(workDir);
    }

    private static Path redisServerBinary() {
        try {
            File onPath = ExecutableProvider.newExecutableInPath("redis-server").get();
            if (onPath != null && onPath.canExecute()) {
                return onPath.toPath();
            }
        } catch (IOException | RuntimeException e) {
            // none on PATH: use the artifact's
        }
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            if (!shipped.canExecute() && !shipped.setExecutable(true)) {
                throw new StoreStartException("cannot make " + shipped + " executable");
            }
            return shipped.toPath();
        } catch (IOException e) {
            throw new StoreStartException("no redis-server: none on PATH and the embedded-redis binary could not be unpacked ("
                    + e.getMessage() + "); install one with apt-get install redis-server");
        }
    }

    private static String versionOf(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            int at = out.indexOf("v=");
            if (at >= 0) {
                int end = out.indexOf(' ', at);
                return out.substring(at + 2, end < 0 ? out.length() : end).strip();
            }
        } catch (IOException e) {
            throw new StoreStartException("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "(unknown version)";
    }
}
