package objectstore.provisioning;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import objectstore.store.UserError;
import redis.embedded.core.ExecutableProvider;

/**
 * Which redis-server an embedded Redis runs, chosen by {@code --redis-server} or {@code REDIS_SERVER}: {@code bundled}
 * (the default: the binary the embedded-redis artifact ships, Redis 6.2), {@code system} (the {@code redis-server} on
 * PATH, e.g. Debian's Redis 7), or the path of a redis-server binary. The choice is explicit so that a run, and a test,
 * never depends on what happens to be installed.
 */
public record RedisServerBinary(String choice, Path path, String version) {

    /** The environment variable that chooses, when {@code --redis-server} does not. */
    public static final String ENV = "REDIS_SERVER";

    public static final String BUNDLED = "bundled";
    public static final String SYSTEM = "system";

    /** The binary for {@code value} ({@code bundled}, {@code system} or a path); null or blank means bundled. */
    public static RedisServerBinary choose(String value) {
        String choice = value == null || value.isBlank() ? BUNDLED : value.strip();
        Path path = switch (choice) {
            case BUNDLED -> bundled();
            case SYSTEM -> onPath();
            default -> {
                Path given = Path.of(choice);
                if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
                    throw new UserError("--redis-server " + choice
                            + ": not an executable file; give bundled, system or the path of a redis-server");
                }
                yield given;
            }
        };
        return new RedisServerBinary(choice, path, versionOf(path));
    }

    /** The binary {@code REDIS_SERVER} names in {@code env}, or the bundled one. */
    public static RedisServerBinary fromEnvironment(Map<String, String> env) {
        return choose(env.get(ENV));
    }

    /** Where the binary came from, for the run's store line: {@code bundled} or its path. */
    public String label() {
        return choice.equals(BUNDLED) ? "bundled redis-server" : path.toString();
    }

    private static Path onPath() {
        try {
            File found = ExecutableProvider.newExecutableInPath("redis-server").get();
            if (found != null && found.canExecute()) {
                return found.toPath();
            }
        } catch (IOException | RuntimeException e) {
            // none on PATH: said below
        }
        throw new UserError(
                "--redis-server system: there is no redis-server on PATH; install one (apt-get install redis-server)"
                        + " or use --redis-server bundled");
    }

    private static Path bundled() {
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            if (!shipped.canExecute() && !shipped.setExecutable(true)) {
                throw new StoreStartException("cannot make " + shipped + " executable");
            }
            return shipped.toPath();
        } catch (IOException | RuntimeException e) {
            throw new UserError("the bundled redis-server could not be unpacked for this platform (" + e.getMessage()
                    + "); use --redis-server system with a redis-server on PATH");
        }
    }

    /** The version {@code redis-server --version} prints, e.g. {@code 7.0.15}. */
    private static String versionOf(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            int at = out.indexOf("v=");
            if (at >= 0) {
                int end = out.indexOf(' ', at);
                return out.substring(at + 2, end < 0 ? out.length() : end).strip();
            }
            throw new UserError(binary + " --version did not name a Redis version; is it a redis-server?");
        } catch (IOException e) {
            throw new StoreStartException("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreStartException("interrupted while asking " + binary + " its version");
        }
    }
}
