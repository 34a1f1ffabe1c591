package objectstore.harness;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import objectstore.connection.Endpoints;
import objectstore.provisioning.Backend;
import objectstore.provisioning.StoreChoice;
import objectstore.store.UserError;

/**
 * The options every experiment takes, with each chapter's own defaults. {@code --name value} or {@code --name=value};
 * anything invalid is a {@link UserError} with one line that says what to fix.
 *
 * <p>A chapter may declare extra options of its own (chapter 02's {@code --threads platform|virtual}). Options that do
 * not apply to a chapter, like {@code --backend} on a Redis chapter, are accepted and ignored.
 */
public record Options(
        String experiment,
        int iterations,
        int size,
        int concurrency,
        int rounds,
        int warmup,
        int warmupSeconds,
        String order,
        int rate,
        StoreChoice store,
        Backend backend,
        URI endpoint,
        URI redis,
        String redisServer,
        Path json,
        boolean help,
        Map<String, String> extras,
        int duration) {

    /**
     * A chapter's defaults: the original experiment's iterations, object size and concurrency, the counted rounds, and
     * the largest {@code --size} it takes.
     */
    public record Defaults(int iterations, int size, int concurrency, int rounds, int maxSize) {
        /** The most an object may be where the harness keeps every object it puts in memory: 256 MiB. */
        public static final int IN_MEMORY_MAX_SIZE = 256 * 1024 * 1024;

        public Defaults(int iterations, int size, int concurrency, int rounds) {
            this(iterations, size, concurrency, rounds, IN_MEMORY_MAX_SIZE);
        }

        public Defaults(int iterations, int size, int concurrency) {
            this(iterations, size, concurrency, 3);
        }
    }

    /**
     * A chapter's own option: its name (without dashes), allowed values (the first is the default), and what it does.
     * An option whose values cannot be listed (a size, a count) has a {@code check} instead, and its one value is the
     * default.
     */
    public record Extra(String name, List<String> values, String help, Check check) {

        /** Accepts a value or throws {@link UserError} with one line that says what to give instead. */
        @FunctionalInterface
        public interface Check {
            void check(String name, String value);
        }

        public Extra(String name, List<String> values, String help) {
            this(name, values, help, null);
        }

        /** An option that takes any value {@code check} accepts; {@code defaultValue} when it is not given. */
        public static Extra checked(String name, String defaultValue, String help, Check check) {
            return new Extra(name, List.of(defaultValue), help, check);
        }

        public String defaultValue() {
            return values.getFirst();
        }
    }

    /** The longest soak {@code --duration} takes: a week, in seconds. */
    public static final int MAX_DURATION_SECONDS = 7 * 24 * 3600;

    /** The warm-up a run gets unless told otherwise: passes over up to 2,000 objects per phase. */
    public static final int DEFAULT_WARMUP_CAP = 2_000;

    /** The longest the warm-up may take before the run goes on, marked not steady. */
    public static final int DEFAULT_WARMUP_SECONDS = 120;

    /** Parses {@code args} for {@code experiment}; throws {@link UserError} on any invalid input. */
    public static Options parse(String experiment, Defaults defaults, List<Extra> extraOptions, String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UserError(
                        "unexpected argument '" + arg + "'; options look like --iterations 1000 (see --help)");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new UserError(
                            "option --" + name + " needs a value, e.g. --" + name + " " + example(name, extraOptions));
                }
                value = args[++i];
            }
            if (!known(name, extraOptions)) {
                throw new UserError("unknown option --" + name + "; the options are: " + names(extraOptions));
            }
            if (given.put(name, value) != null) {
                throw new UserError("option --" + name + " is given twice; give it once");
            }
        }

        int iterations = positive(given, "iterations", defaults.iterations(), 1);
        int size = positive(given, "size", defaults.size(), 0);
        int concurrency = positive(given, "concurrency", defaults.concurrency(), 1);
        int rounds = positive(given, "rounds", defaults.rounds(), 1);
        int warmup = positive(given, "warmup", Math.min(iterations, DEFAULT_WARMUP_CAP), 0);
        int duration = positive(given, "duration", 0, 1);
        int warmupSeconds = positive(given, "warmup-seconds", DEFAULT_WARMUP_SECONDS, 1);
        int rate = positive(given, "rate", 0, 1);
        String order = given.getOrDefault("order", "fixed");
        if (!order.equals("fixed") && !order.equals("alternate")) {
            throw new UserError("--order must be fixed or alternate, not '" + order + "'");
        }
        if (rate > 0 && duration > 0) {
            throw new UserError("--rate and --duration are two kinds of run; give one of them");
        }
        if (duration > MAX_DURATION_SECONDS) {
            throw new UserError("--duration " + duration + " is more than a week (" + MAX_DURATION_SECONDS
                    + " s); choose a shorter soak");
        }
        if (concurrency > 100_000) {
            throw new UserError("--concurrency " + concurrency
                    + " is more than this project supports (100000); choose a smaller one");
        }
        if (size > defaults.maxSize()) {
            throw new UserError("--size " + size + " is over " + (defaults.maxSize() >> 20) + " MiB ("
                    + defaults.maxSize() + " bytes); choose a smaller object size");
        }
        StoreChoice store = choice(given, "store", StoreChoice.class, StoreChoice.AUTO);
        Backend backend = switch (given.getOrDefault("backend", "disk").toLowerCase(Locale.ROOT)) {
            case "disk", "filesystem" -> Backend.DISK;
            case "memory", "transient" -> Backend.MEMORY;
            default -> throw new UserError("--backend must be disk or memory, not '" + given.get("backend") + "'");
        };
        URI endpoint =
                given.containsKey("endpoint") ? Endpoints.httpEndpoint("--endpoint", given.get("endpoint")) : null;
        URI redis = given.containsKey("redis") ? Endpoints.redisEndpoint("--redis", given.get("redis")) : null;
        String redisServer = given.get("redis-server");
        if (redisServer != null && redisServer.isBlank()) {
            throw new UserError("--redis-server needs a value: bundled, system or the path of a redis-server");
        }
        Path json = given.containsKey("json") ? jsonPath(given.get("json")) : null;

        Map<String, String> extras = new LinkedHashMap<>();
        for (Extra extra : extraOptions) {
            String value = given.getOrDefault(extra.name(), extra.defaultValue());
            if (extra.check() != null) {
                if (given.containsKey(extra.name())) {
                    extra.check().check("--" + extra.name(), value);
                }
            } else if (!extra.values().contains(value)) {
                throw new UserError("--" + extra.name() + " must be one of " + String.join(", ", extra.values())
                        + ", not '" + value + "'");
            }
            extras.put(extra.name(), value);
        }
        return new Options(
                experiment,
                iterations,
                size,
                concurrency,
                rounds,
                warmup,
                warmupSeconds,
                order,
                rate,
                store,
                backend,
                endpoint,
                redis,
                redisServer,
                json,
                help,
                Map.copyOf(extras),
                duration);
    }

    /** The value of a chapter's own option. */
    public String extra(String name) {
        String value = extras.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no option --" + name + " declared for " + experiment);
        }
        return value;
    }

    /** The usage text for {@code --help}. */
    public static String usage(String experiment, Defaults defaults, List<Extra> extraOptions) {
        StringBuilder text = new StringBuilder();
        text.append("usage: ./mvnw -q -pl ").append(experiment).append(" exec:java -Dexec.args=\"[options]\"\n\n");
        text.append("  --iterations N   objects per phase (default ")
                .append(defaults.iterations())
                .append(")\n");
        text.append("  --size BYTES     object size (default ")
                .append(defaults.size())
                .append(")\n");
        text.append("  --concurrency C  operations in flight (default ")
                .append(defaults.concurrency())
                .append(")\n");
        text.append("  --rounds R       counted rounds; the median is reported (default ")
                .append(defaults.rounds())
                .append(")\n");
        text.append("  --warmup N       objects per phase in each uncounted warm-up pass (default min(iterations, ")
                .append(DEFAULT_WARMUP_CAP)
                .append(")); passes repeat\n");
        text.append("                   until two in a row agree within 10% (rate of every phase, CPU per op)\n");
        text.append("  --warmup-seconds S  the longest the warm-up may take (default ")
                .append(DEFAULT_WARMUP_SECONDS)
                .append("); past it the run is marked not steady\n");
        text.append("  --order O       fixed (default) or alternate: every other round runs the phase groups\n");
        text.append("                   (a PUT and the GETs after it) in reverse order, to show a position effect\n");
        text.append(
                "  --rate N         an open-loop run: N requests a second at fixed intervals, latency timed from\n");
        text.append("                   each one's intended start (chapters 04, 05, 08)\n");
        text.append(
                "  --store S        auto|external|embedded|container|cluster (default auto: a configured endpoint,\n");
        text.append("                   else a server on the default port, else an embedded one); cluster: an\n");
        text.append("                   embedded Redis Cluster of 3 masters (Redis chapters 06, 07, 08). A --redis\n");
        text.append("                   server that says cluster_enabled:1 is used as a cluster, seeded from it\n");
        text.append("  --backend B      embedded S3Proxy keeps objects on disk (default) or in memory\n");
        text.append("  --endpoint URL   an S3 endpoint (also AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)\n");
        text.append("  --redis URL      a Redis endpoint, redis://[:password@]host:port (also REDIS_URL); for a\n");
        text.append("                   cluster, any one node (the others are learned from it)\n");
        text.append("  --redis-server B the embedded Redis's binary: bundled (Redis 6.2, the default), system\n");
        text.append("                   (the redis-server on PATH) or a path (also REDIS_SERVER)\n");
        text.append("  --duration S     a soak instead of rounds: a mix of put/get/list/delete for S seconds,\n");
        text.append("                   reported every 10 s (chapters 04, 05, 08)\n");
        text.append("  --json FILE      also write the results JSON there (always: target/results/")
                .append(experiment)
                .append(".json)\n");
        for (Extra extra : extraOptions) {
            text.append(
                    extra.check() != null
                            ? String.format(
                                    "  --%-14s %s (default %s)%n",
                                    extra.name() + " V", extra.help(), extra.defaultValue())
                            : String.format(
                                    "  --%-14s %s (%s; default %s)%n",
                                    extra.name() + " V",
                                    extra.help(),
                                    String.join("|", extra.values()),
                                    extra.defaultValue()));
        }
        text.append("  --help           this text\n");
        return text.toString();
    }

    private static final List<String> COMMON = List.of(
            "iterations",
            "size",
            "concurrency",
            "rounds",
            "warmup",
            "warmup-seconds",
            "order",
            "rate",
            "store",
            "backend",
            "endpoint",
            "redis",
            "redis-server",
            "json",
            "duration");

    private static boolean known(String name, List<Extra> extras) {
        return COMMON.contains(name) || extras.stream().anyMatch(e -> e.name().equals(name));
    }

    private static String names(List<Extra> extras) {
        StringBuilder all = new StringBuilder();
        for (String name : COMMON) {
            all.append("--").append(name).append(' ');
        }
        for (Extra extra : extras) {
            all.append("--").append(extra.name()).append(' ');
        }
        return all.append("--help").toString();
    }

    private static String example(String name, List<Extra> extras) {
        return switch (name) {
            case "store" -> "embedded";
            case "backend" -> "memory";
            case "endpoint" -> "http://localhost:9001";
            case "redis" -> "redis://localhost:6379";
            case "redis-server" -> "system";
            case "json" -> "target/run.json";
            case "duration", "warmup-seconds" -> "60";
            case "order" -> "alternate";
            case "rate" -> "1000";
            default ->
                extras.stream()
                        .filter(e -> e.name().equals(name))
                        .map(Extra::defaultValue)
                        .findFirst()
                        .orElse("100");
        };
    }

    private static int positive(Map<String, String> given, String name, int otherwise, int min) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UserError("--" + name + " must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > Integer.MAX_VALUE) {
            throw new UserError(
                    "--" + name + " must be " + (min == 0 ? "zero or more" : "at least " + min) + ", not " + value);
        }
        return (int) parsed;
    }

    private static <E extends Enum<E>> E choice(Map<String, String> given, String name, Class<E> type, E otherwise) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : "|")
                        .append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new UserError("--" + name + " must be " + allowed + ", not '" + value + "'");
        }
    }

    private static Path jsonPath(String value) {
        if (value.isBlank()) {
            throw new UserError("--json needs a file name, e.g. --json target/run.json");
        }
        return Path.of(value);
    }
}
