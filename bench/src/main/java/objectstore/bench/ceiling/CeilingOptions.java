package objectstore.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import objectstore.store.UserError;

/**
 * The ceiling command's options.
 *
 * @param kind the server: {@code s3} (an embedded S3Proxy, measured with wrk) or {@code redis} (an embedded
 *     redis-server, measured with redis-benchmark)
 * @param concurrency requests in flight: wrk's connections (default 64), or redis-benchmark's clients (default 50, each
 *     with a pipeline of 16)
 * @param seconds how long each measurement lasts, the tool's and the client's alike
 * @param warmupSeconds the warm-up's cap: warm-up runs stop once they have taken this long, marked not steady
 * @param out where the JSON goes
 * @param redisServer {@code --redis-server} as given (null: {@code REDIS_SERVER}, else the bundled one)
 * @param size {@code --size}: one object of this many bytes, fetched by curl and the lite client, beside loopback's own
 *     speed ({@link LargeObjectCeiling}); null for the 5,000-byte ceiling
 */
public record CeilingOptions(
        Kind kind,
        int concurrency,
        int seconds,
        int warmupSeconds,
        Path out,
        String redisServer,
        boolean help,
        Long size) {

    /** The two servers the command measures. */
    public enum Kind {
        S3("s3"),
        REDIS("redis");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_WARMUP_SECONDS = 90;
    static final List<String> NAMES =
            List.of("ceiling", "concurrency", "seconds", "warmup-seconds", "out", "redis-server", "size");

    /** Parses the arguments; throws {@link UserError} with one line naming the problem and the fix. */
    public static CeilingOptions parse(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return new CeilingOptions(Kind.S3, 64, DEFAULT_SECONDS, DEFAULT_WARMUP_SECONDS, null, null, true, null);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UserError("unexpected argument '" + arg
                        + "'; options look like --ceiling s3 --out ceiling.json (see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            if (!NAMES.contains(name)) {
                throw new UserError(
                        "unknown option --" + name + "; the options are: --" + String.join(" --", NAMES) + " --help");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UserError("option --" + name + " needs a value, e.g. " + example(name));
            }
            if (given.put(name, value) != null) {
                throw new UserError("option --" + name + " is given twice; give it once");
            }
        }

        String word = given.getOrDefault("ceiling", "").strip();
        Kind kind = switch (word) {
            case "s3" -> Kind.S3;
            case "redis" -> Kind.REDIS;
            default -> throw new UserError("--ceiling must be s3 or redis, not '" + word + "'; e.g. --ceiling s3");
        };
        int concurrency = number(given, "concurrency", kind == Kind.S3 ? 64 : 50, 10_000);
        int seconds = number(given, "seconds", DEFAULT_SECONDS, 3_600);
        int warmupSeconds = number(given, "warmup-seconds", DEFAULT_WARMUP_SECONDS, 3_600);
        if (!given.containsKey("out") || given.get("out").isBlank()) {
            throw new UserError(
                    "--out is missing: name the JSON file to write, e.g. --out target/ceiling-" + kind.word + ".json");
        }
        Path out = Path.of(given.get("out").strip()).toAbsolutePath().normalize();
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + given.get("out").strip() + " is a folder; name a file in it, e.g. --out "
                    + given.get("out").strip() + "/ceiling-" + kind.word + ".json");
        }
        Path folder = out.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null
                || !Files.isDirectory(folder)
                || !Files.isWritable(folder)
                || (Files.exists(out) && !Files.isWritable(out))) {
            throw new UserError(
                    "--out " + given.get("out").strip() + " cannot be written (" + (folder == null ? out : folder)
                            + " is not a folder this user may write in); name a file somewhere you can write, e.g. --out target/ceiling-"
                            + kind.word + ".json");
        }
        String redisServer = given.get("redis-server");
        if (redisServer != null && kind != Kind.REDIS) {
            throw new UserError(
                    "--redis-server chooses the Redis of --ceiling redis; drop it for --ceiling " + kind.word);
        }
        Long size = given.containsKey("size") ? (long) number(given, "size", 0, 1 << 30) : null;
        if (size != null && (kind != Kind.S3 || given.containsKey("concurrency"))) {
            throw new UserError("--size is for --ceiling s3, one object fetched one GET at a time; drop --size, or"
                    + " --concurrency");
        }
        return new CeilingOptions(kind, concurrency, seconds, warmupSeconds, out, redisServer, false, size);
    }

    private static int number(Map<String, String> given, String name, int otherwise, int max) {
        if (!given.containsKey(name)) {
            return otherwise;
        }
        String value = given.get(name).strip().replace("_", "");
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserError("--" + name + " must be a whole number from 1 to " + max + ", e.g. " + example(name)
                + "; not '" + value + "'");
    }

    private static String example(String name) {
        return switch (name) {
            case "ceiling" -> "--ceiling s3";
            case "concurrency" -> "--concurrency 64";
            case "seconds" -> "--seconds 10";
            case "warmup-seconds" -> "--warmup-seconds 90";
            case "out" -> "--out target/ceiling-s3.json";
            case "redis-server" -> "--redis-server system";
            case "size" -> "--size 268435456";
            default -> "--" + name + " 1";
        };
    }

    static String usage() {
        return """
                usage: ./mvnw -q -pl bench exec:java -Dexec.args="--ceiling s3|redis --out FILE [options]"

                A server's ceiling beside the project's best client: warms the server until steady, then runs the
                reference load generator and the client on the same server for the same time, and writes both.

                  --ceiling s3       an embedded S3Proxy (memory backend), one 5,000-byte object GET through a
                                     presigned URL by wrk, then by the lite client (a sliding window)
                  --ceiling redis    an embedded redis-server, SET and GET of 5,000 bytes by redis-benchmark
                                     (pipelines of 16), then by Lettuce (chapter 07's window, manual flush)
                  --concurrency C    requests in flight: wrk's connections (default 64), or redis-benchmark's
                                     clients (default 50; the client's window is C x 16)
                  --seconds S        each measurement's length (default 10)
                  --warmup-seconds W the warm-up's cap (default 90): runs repeat until two agree within 10%
                  --redis-server B   bundled|system|PATH, the embedded Redis's binary (also REDIS_SERVER)
                  --size BYTES       with --ceiling s3: one object of BYTES (up to 1 GiB) on S3Proxy's filesystem
                                     backend on /dev/shm, fetched by curl to /dev/null and by the lite client, in
                                     turns; and loopback TCP measured on its own by iperf3
                  --out FILE         the JSON to write
                  --help             this text

                wrk, redis-benchmark, curl and iperf3 are installed with scripts/debian-tools.sh when they are not on PATH.
                """;
    }
}
