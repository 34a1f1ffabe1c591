package objectstore.bench.micro;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import objectstore.provisioning.ModuleDir;

/** The sets of micro-benchmarks the book quotes: each a few rows, measured alike and written as one record. */
enum MicroSet {
    SIGNING(
            SigV4SignBenchmark.class,
            "the time to sign one S3 PUT (UNSIGNED-PAYLOAD, the key encoded into the path) on one thread",
            new Iterations(10, Duration.ofSeconds(1), 5, Duration.ofSeconds(1)),
            List.of(
                    new Case("reference", "signPut", Map.of("signer", "reference")),
                    new Case("fast", "signPut", Map.of("signer", "fast")))),
    FACADE(
            RedisFacadeBenchmark.class,
            "writes a second on one connection with the same requests in flight, every key read back and compared:"
                    + " a bare SET, a bare SET after the ETag's MD5, and the facade's PUT",
            new Iterations(5, Duration.ofSeconds(2), 5, Duration.ofSeconds(2)),
            List.of(
                    new Case("bare SET", "bareSet", Map.of()),
                    new Case("bare SET + MD5", "bareSetWithMd5", Map.of()),
                    new Case("facade PUT", "facadePut", Map.of())));

    /** One row of the record: its name there, the benchmark method, and the parameters that pick it. */
    record Case(String name, String method, Map<String, String> params) {}

    /** Each fork's warm-up and measured iterations, and how long each lasts. */
    record Iterations(int warmups, Duration warmup, int measured, Duration measurement) {}

    /** What {@code --quick} runs instead, in the command's own JVM: one short iteration that shows a case works. */
    static final Iterations QUICK = new Iterations(0, Duration.ZERO, 1, Duration.ofMillis(100));

    final Class<?> benchmark;
    final String measures;
    final Iterations iterations;
    final List<Case> cases;

    MicroSet(Class<?> benchmark, String measures, Iterations iterations, List<Case> cases) {
        this.benchmark = benchmark;
        this.measures = measures;
        this.iterations = iterations;
        this.cases = cases;
    }

    /** The JMH include pattern for exactly this case's method. */
    String include(Case c) {
        return "^" + Pattern.quote(benchmark.getName() + "." + c.method()) + "$";
    }

    /** Where JMH's own output for a case goes: its iterations, and any failure in full. */
    Path log(Case c) {
        StringBuilder name =
                new StringBuilder(name().toLowerCase(Locale.ROOT)).append('-').append(c.method());
        c.params().values().forEach(value -> name.append('-').append(value));
        return ModuleDir.resolve("target/micro/" + name + ".log");
    }
}
