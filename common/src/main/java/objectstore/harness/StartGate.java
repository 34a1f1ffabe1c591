package objectstore.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import objectstore.store.UserError;

/**
 * Client hosts that begin their counted rounds at one moment, agreed through a folder they all see (in Kubernetes, the
 * volume they write their results to). docs/scale-out.md shows it at work.
 *
 * <p>Results of several hosts merge into one rate only while every host was running (docs/results-json.md, "Merged
 * results"). Hosts start seconds apart (a pod pulls its image while another already runs) and each warms up until its
 * own passes agree, so each one, after its warm-up:
 *
 * <ol>
 *   <li>writes {@code ready-NAME} into the folder, holding its clock's time;
 *   <li>waits until there are as many ready files as hosts;
 *   <li>starts at the moment every host computes alike: the latest time in those files plus a lead, which leaves room
 *       for a host that sees the last file late (a shared file system's cache).
 * </ol>
 *
 * <p>Set by the environment: {@value #DIR} (the folder, fresh for each run), {@value #HOSTS} (how many), {@value #LEAD}
 * (default 10) and {@value #TIMEOUT} (how long to wait for the others, default 600). A host's NAME is its bucket suffix
 * (OBJECTSTORE_BUCKET_SUFFIX), else its host name and process id.
 */
public final class StartGate {

    public static final String DIR = "OBJECTSTORE_START_DIR";
    public static final String HOSTS = "OBJECTSTORE_START_HOSTS";
    public static final String LEAD = "OBJECTSTORE_START_LEAD_SECONDS";
    public static final String TIMEOUT = "OBJECTSTORE_START_TIMEOUT_SECONDS";

    private final Path dir;
    private final String name;
    private final int hosts;
    private final Duration lead;
    private final Duration timeout;

    private StartGate(Path dir, String name, int hosts, Duration lead, Duration timeout) {
        this.dir = dir;
        this.name = name;
        this.hosts = hosts;
        this.lead = lead;
        this.timeout = timeout;
    }

    /**
     * The gate the environment asks for, or null when {@value #DIR} is not set (rounds start at once); bad values are a
     * {@link UserError}.
     */
    public static StartGate from(Map<String, String> env) {
        String dir = env.get(DIR);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        String suffix = env.get("OBJECTSTORE_BUCKET_SUFFIX");
        String name = suffix != null && !suffix.isBlank() ? suffix.strip() : hostAndPid();
        return new StartGate(
                Path.of(dir),
                name.replaceAll("[^A-Za-z0-9._-]", "_"),
                number(env, HOSTS, -1, 1),
                Duration.ofSeconds(number(env, LEAD, 10, 0)),
                Duration.ofSeconds(number(env, TIMEOUT, 600, 1)));
    }

    /** Says this host is ready, waits for the others, then until the agreed moment; returns that moment. */
    Instant await(PrintStream out) throws InterruptedException {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(".ready-" + name + ".part");
            Files.writeString(
                    partial, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), StandardCharsets.UTF_8);
            Files.move(
                    partial,
                    dir.resolve("ready-" + name),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the start folder " + dir + " (" + DIR + ")", e);
        }
        out.printf("start: %s ready; waiting for %d hosts in %s%n", name, hosts, dir);

        Instant giveUp = Instant.now().plus(timeout);
        List<Instant> times = readyTimes();
        while (times.size() < hosts) {
            if (Instant.now().isAfter(giveUp)) {
                throw new UserError("only " + times.size() + " of " + hosts + " hosts were ready in " + dir + " after "
                        + timeout.toSeconds() + " s (" + HOSTS + "=" + hosts + ")");
            }
            Thread.sleep(100);
            times = readyTimes();
        }
        if (times.size() > hosts) {
            throw new UserError(times.size() + " ready files in " + dir + " for " + hosts
                    + " hosts: a folder left from an earlier run? " + "give each run a fresh " + DIR);
        }
        // tag::start[]
        Instant start = times.stream().max(Instant::compareTo).orElseThrow().plus(lead);
        // end::start[]
        Duration wait = Duration.between(Instant.now(), start);
        if (wait.isNegative()) {
            out.printf(
                    Locale.ROOT,
                    "start: all %d hosts ready; %.1f s late for the agreed start %s (raise %s)%n",
                    hosts,
                    -wait.toMillis() / 1000.0,
                    start,
                    LEAD);
        } else {
            out.printf(
                    Locale.ROOT,
                    "start: all %d hosts ready; starting at %s, in %.1f s%n",
                    hosts,
                    start,
                    wait.toMillis() / 1000.0);
            Thread.sleep(wait);
        }
        return start;
    }

    private List<Instant> readyTimes() {
        List<Instant> times = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ready-"))
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                try {
                    times.add(Instant.parse(text));
                } catch (DateTimeParseException e) {
                    throw new UserError(
                            file + " does not hold a time ('" + text + "'): is " + dir + " used for something else?");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the start folder " + dir + " (" + DIR + ")", e);
        }
        return times;
    }

    private static String hostAndPid() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-"
                    + ProcessHandle.current().pid();
        } catch (IOException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }

    private static int number(Map<String, String> env, String variable, int otherwise, int min) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            if (otherwise < 0) {
                throw new UserError(DIR + " is set, so " + variable + " must say how many hosts start together");
            }
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserError(variable + " must be a whole number, at least " + min + ", not '" + value + "'");
    }
}
