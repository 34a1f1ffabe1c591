package objectstore.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The ceiling command's options, declared with picocli ({@link Line}).
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

    /** The command line, declared with picocli; {@link #parse} reads it and checks the values. */
    @Command(
            name = "ceiling",
            sortOptions = false,
            customSynopsis = "./mvnw -q -pl bench exec:java -Dexec.args=\"--ceiling s3|redis --out FILE [options]\"%n",
            description = {
                "A server's ceiling beside the project's best client: warms the server until steady, then runs the"
                        + " reference load generator and the client on the same server for the same time, and"
                        + " writes both.%n"
            },
            footer = "%nwrk, redis-benchmark, curl and iperf3 are installed with scripts/debian-tools.sh when they"
                    + " are not on PATH.")
    static final class Line {
        @Option(
                names = "--ceiling",
                paramLabel = "s3|redis",
                description = {
                    "s3: an embedded S3Proxy (memory backend), one 5,000-byte object GET through a presigned URL by"
                            + " wrk, then by the lite client (a sliding window)",
                    "redis: an embedded redis-server, SET and GET of 5,000 bytes by redis-benchmark (pipelines of 16),"
                            + " then by Lettuce (chapter 07's window, manual flush)"
                })
        Kind kind;

        @Option(
                names = "--concurrency",
                paramLabel = "C",
                description = "requests in flight: wrk's connections (default 64), or redis-benchmark's clients"
                        + " (default 50; the client's window is C x 16)")
        Integer concurrency;

        @Option(
                names = "--seconds",
                paramLabel = "S",
                description = "each measurement's length (default ${DEFAULT-VALUE})")
        int seconds = DEFAULT_SECONDS;

        @Option(
                names = "--warmup-seconds",
                paramLabel = "W",
                description = "the warm-up's cap (default ${DEFAULT-VALUE}): runs repeat until two agree within 10%%")
        int warmupSeconds = DEFAULT_WARMUP_SECONDS;

        @Option(
                names = "--redis-server",
                paramLabel = "B",
                description = "bundled|system|PATH, the embedded Redis's binary (also REDIS_SERVER)")
        String redisServer;

        @Option(
                names = "--size",
                paramLabel = "BYTES",
                description = "with --ceiling s3: one object of BYTES (up to 1 GiB) on S3Proxy's filesystem backend on"
                        + " /dev/shm, fetched by curl to /dev/null and by the lite client, in turns; and loopback TCP"
                        + " measured on its own by iperf3")
        Long size;

        @Option(names = "--out", paramLabel = "FILE", description = "the JSON to write")
        Path out;

        @Mixin
        CommandLines.Help help;
    }

    /** Parses the arguments; throws {@link UserError} with one line naming the problem and the fix. */
    public static CeilingOptions parse(String[] args) {
        CommandLine line = CommandLines.of(new Line());
        if (CommandLines.parse(line, args)) {
            return new CeilingOptions(Kind.S3, 64, DEFAULT_SECONDS, DEFAULT_WARMUP_SECONDS, null, null, true, null);
        }
        Line given = line.getCommand();
        if (given.kind == null) {
            throw new UserError("--ceiling is missing: s3 or redis, e.g. --ceiling s3");
        }
        Kind kind = given.kind;
        int concurrency = within(
                "--concurrency",
                given.concurrency != null ? given.concurrency : kind == Kind.S3 ? 64 : 50,
                10_000,
                "64");
        int seconds = within("--seconds", given.seconds, 3_600, "10");
        int warmupSeconds = within("--warmup-seconds", given.warmupSeconds, 3_600, "90");
        if (given.out == null || given.out.toString().isBlank()) {
            throw new UserError(
                    "--out is missing: name the JSON file to write, e.g. --out target/ceiling-" + kind.word + ".json");
        }
        String named = given.out.toString().strip();
        Path out = Path.of(named).toAbsolutePath().normalize();
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + named + " is a folder; name a file in it, e.g. --out " + named + "/ceiling-"
                    + kind.word + ".json");
        }
        Path folder = out.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null
                || !Files.isDirectory(folder)
                || !Files.isWritable(folder)
                || (Files.exists(out) && !Files.isWritable(out))) {
            throw new UserError("--out " + named + " cannot be written (" + (folder == null ? out : folder)
                    + " is not a folder this user may write in); name a file somewhere you can write, e.g. --out"
                    + " target/ceiling-" + kind.word + ".json");
        }
        if (given.redisServer != null && kind != Kind.REDIS) {
            throw new UserError(
                    "--redis-server chooses the Redis of --ceiling redis; drop it for --ceiling " + kind.word);
        }
        if (given.size != null && (given.size < 1 || given.size > 1 << 30)) {
            throw new UserError("--size must be a whole number from 1 to " + (1 << 30)
                    + ", e.g. --size 268435456; not '" + given.size + "'");
        }
        Long size = given.size;
        if (size != null && (kind != Kind.S3 || given.concurrency != null)) {
            throw new UserError("--size is for --ceiling s3, one object fetched one GET at a time; drop --size, or"
                    + " --concurrency");
        }
        return new CeilingOptions(kind, concurrency, seconds, warmupSeconds, out, given.redisServer, false, size);
    }

    private static int within(String option, int value, int max, String example) {
        if (value < 1 || value > max) {
            throw new UserError(option + " must be a whole number from 1 to " + max + ", e.g. " + option + " " + example
                    + "; not '" + value + "'");
        }
        return value;
    }

    static String usage() {
        return CommandLines.usage(CommandLines.of(new Line()));
    }
}
