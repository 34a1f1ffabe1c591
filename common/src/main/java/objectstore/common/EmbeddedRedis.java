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

    private final ChildProcess child;
    private final int port;
    private final String password;
    private final String version;
    private final Path workDir;

    private EmbeddedRedis(ChildProcess child, int port, String password, String version, Path workDir) {
        this.child = child;
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

        // 2. redis-server cannot watch its parent, so a shell does: when our end of its input closes
        //    (we stopped, or died), cat returns and the shell stops the server.
        List<String> command = List.of("/bin/sh", "-c",
                "\"$0\" \"$1\" & server=$!; cat >/dev/null; kill $server; wait $server",
                binary.toString(), config.toString());
        ChildProcess child = ChildProcess.start("redis-server", command, workDir.resolve("redis.log"), port, Duration.ofSeconds(30));
        return new EmbeddedRedis(child, port, password, version, workDir);
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
    public void close() {
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
