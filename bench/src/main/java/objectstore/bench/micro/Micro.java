package objectstore.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import objectstore.bench.ceiling.Ceiling;
import objectstore.bench.ceiling.Cpu;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.RedisServerBinary;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The micro-benchmarks, measured by JMH and kept as records: {@code --micro signing} ({@link SigV4SignBenchmark}) and
 * {@code --micro facade} ({@link RedisFacadeBenchmark}), e.g. {@code ./mvnw -q -pl bench exec:java -Dexec.args="--micro
 * signing --out FILE"}.
 *
 * <p>Each case runs in forks of its own, and the cases take turns: every round forks each case once, in order in odd
 * rounds and in reverse in even ones, so a machine that drifts favours no case. A row is the mean of its case's
 * measured iterations over every round, with JMH's 99.9% confidence interval, and how many cores other processes kept
 * busy while it ran.
 */
@Command(
        name = "bench",
        description = "Measures a set of micro-benchmarks with JMH and writes its record.",
        footer = "%nExample: ./mvnw -q -pl bench exec:java -Dexec.args=\"--micro signing --out target/signing.json\"")
public final class Micro implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--micro", required = true, paramLabel = "SET", description = "signing or facade")
    MicroSet set;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "writes the record to FILE (a relative FILE is in the bench module's folder)")
    String out;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "forks of each case, the cases taking turns (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "shows this help")
    boolean help;

    @Option(
            names = "--quick",
            description = "one short iteration of each case in this JVM, no warm-up: shows that the benchmarks run,"
                    + " and its figures mean nothing")
    boolean quick;

    @Spec
    CommandSpec spec;

    private final List<String> classpath;
    private final List<String> jvmFlags;
    private final PrintStream console;

    private Micro(List<String> classpath, List<String> jvmFlags, PrintStream console) {
        this.classpath = classpath;
        this.jvmFlags = jvmFlags;
        this.console = console;
    }

    /**
     * The command: parses {@code args}, measures, writes the record; returns the exit code (2 for bad options). JMH's
     * forks run on {@code classpath} with {@code jvmFlags}, the suite's (ChildJvm's), so they start like a suite's
     * experiments.
     */
    public static int run(
            String[] args, List<String> classpath, List<String> jvmFlags, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new Micro(classpath, jvmFlags, out))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    err.println("micro: " + e.getMessage());
                    return 1;
                })
                .setParameterExceptionHandler((e, given) -> {
                    List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException unmatched
                            ? unmatched.getSuggestions()
                            : List.of();
                    err.println("micro: " + e.getMessage()
                            + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
                            + " (--help lists the options)");
                    return 2;
                });
        return command.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, not " + rounds);
        }
        Path target = out == null ? null : ModuleDir.resolve(out);
        MicroSet.Iterations iterations = quick ? MicroSet.QUICK : set.iterations;
        int runs = quick ? 1 : rounds;
        if (!quick) {
            /*
             * JMH starts each fork with this JVM's java.class.path. Under exec:java that is Maven's launcher,
             * not this module's classes and libraries, so it is set to the classpath the suite gives its
             * experiments.
             */
            System.setProperty("java.class.path", String.join(File.pathSeparator, classpath));
        }
        console.printf(
                Locale.ROOT,
                "micro %s: %s; %d round(s) of %s%n",
                set.name().toLowerCase(Locale.ROOT),
                set.measures,
                runs,
                quick
                        ? "one short iteration in this JVM (--quick: the figures mean nothing)"
                        : String.format(
                                Locale.ROOT,
                                "a fork per case, each %d warm-up and %d measured iterations of %d s",
                                iterations.warmups(),
                                iterations.measured(),
                                iterations.measurement().toSeconds()));
        Map<MicroSet.Case, Tally> tallies = new LinkedHashMap<>();
        set.cases.forEach(c -> tallies.put(c, new Tally()));
        BenchmarkParams params = null;
        for (int round = 1; round <= runs; round++) {
            List<MicroSet.Case> order = new ArrayList<>(set.cases);
            if (round % 2 == 0) {
                order = order.reversed();
            }
            for (MicroSet.Case c : order) {
                params = measure(c, iterations, round, runs, tallies.get(c));
            }
        }
        MicroRecord record = record(tallies, iterations, params);
        for (MicroRecord.Row row : record.results()) {
            console.println("  " + describe(row));
        }
        if (target != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            JSON.writeValue(target.toFile(), record);
            console.println("written to " + target);
        }
        return 0;
    }

    /** One fork of one case (or, with --quick, one run in this JVM), its CPU accounted; adds it to {@code tally}. */
    private BenchmarkParams measure(MicroSet.Case c, MicroSet.Iterations iterations, int round, int runs, Tally tally) {
        Path log = set.log(c);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(set.include(c))
                .forks(quick ? 0 : 1)
                .warmupIterations(iterations.warmups())
                .warmupTime(TimeValue.milliseconds(iterations.warmup().toMillis()))
                .measurementIterations(iterations.measured())
                .measurementTime(TimeValue.milliseconds(iterations.measurement().toMillis()))
                .jvmArgs(jvmArgs().toArray(String[]::new))
                .shouldFailOnError(true)
                .output(log.toString());
        c.params().forEach(options::param);
        try {
            Files.createDirectories(log.getParent());
            long wall = System.nanoTime();
            long family = Cpu.processAndChildrenCpuNanos();
            long machine = Cpu.machineBusyNanos();
            RunResult result = new Runner(options.build()).runSingle();
            tally.add(
                    result,
                    System.nanoTime() - wall,
                    Cpu.machineBusyNanos() - machine - (Cpu.processAndChildrenCpuNanos() - family),
                    machine != 0);
            console.printf(
                    Locale.ROOT,
                    "round %d/%d %-16s %,14.1f %s%n",
                    round,
                    runs,
                    c.name(),
                    result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreUnit());
            return result.getParams();
        } catch (RunnerException | IOException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(
                    c.name() + " failed (" + cause.getMessage() + "); JMH's output is in " + log, e);
        }
    }

    /** The forks' JVM flags: the experiments' own, and native access for Netty's transport. */
    private List<String> jvmArgs() {
        return Stream.concat(jvmFlags.stream(), Stream.of("--enable-native-access=ALL-UNNAMED"))
                .toList();
    }

    private MicroRecord record(
            Map<MicroSet.Case, Tally> tallies, MicroSet.Iterations iterations, BenchmarkParams params) {
        Map<String, String> values = new LinkedHashMap<>();
        params.getParamsKeys().stream()
                .filter(key -> set.cases.stream().noneMatch(c -> c.params().containsKey(key)))
                .forEach(key -> values.put(key, params.getParam(key)));
        MicroRecord.Settings settings = new MicroRecord.Settings(
                params.getMode().longLabel(),
                params.getTimeUnit().name().toLowerCase(Locale.ROOT),
                quick ? 1 : rounds,
                iterations.warmups(),
                iterations.warmup().toMillis() / 1000.0,
                iterations.measured(),
                iterations.measurement().toMillis() / 1000.0,
                quick ? List.of() : jvmArgs(),
                values,
                quick);
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<MicroRecord.Row> rows = new ArrayList<>();
        tallies.forEach((c, tally) -> rows.add(tally.row(c, set == MicroSet.SIGNING, date.substring(0, 10))));
        MicroRecord.Store store = set == MicroSet.FACADE ? store() : null;
        return new MicroRecord(
                set.benchmark.getSimpleName(),
                set.measures,
                date,
                "JMH " + Version.getPlainVersion(),
                Ceiling.machine(),
                store,
                settings,
                rows);
    }

    /** The redis-server every fork of the facade benchmark starts: the one REDIS_SERVER names, else the bundled. */
    private static MicroRecord.Store store() {
        RedisServerBinary binary = RedisServerBinary.fromEnvironment(System.getenv());
        return new MicroRecord.Store("Redis " + binary.version(), binary.label());
    }

    private static String describe(MicroRecord.Row row) {
        boolean time = row.nsPerRequest() != null;
        Double error = time ? row.nsPerRequestError() : row.itemsPerSecondError();
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "%-16s %,.0f", row.name(), time ? row.nsPerRequest() : row.itemsPerSecond()));
        if (error != null) {
            line.append(String.format(Locale.ROOT, " ± %,.0f", error));
        }
        line.append(
                time
                        ? String.format(Locale.ROOT, " ns per request, %,.0f ns of CPU", row.cpuNsPerRequest())
                        : String.format(
                                Locale.ROOT,
                                " items/s, %,.1f µs of CPU each, %,d verified",
                                row.cpuMicrosPerOp(),
                                row.verified()));
        if (row.otherCpuCores() != null) {
            line.append(String.format(Locale.ROOT, "; other processes used %.2f cores", row.otherCpuCores()));
        }
        return line.toString();
    }
}
