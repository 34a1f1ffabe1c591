package objectstore.bench.micro;

import java.util.concurrent.TimeUnit;
import objectstore.connection.Credentials;
import objectstore.lite.SigV4;
import objectstore.lite.SigV4Canonical;
import objectstore.lite.SigV4Reference;
import objectstore.lite.SigV4Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long signing one S3 PUT takes, on each signer: {@link SigV4Reference}, the specification's steps one by one, and
 * {@link SigV4Signer}, the same steps without needless allocation, which the lite client uses.
 *
 * <p>One operation is what the client does per request: encode the key into the path, describe the request (host,
 * payload hash), sign it at the current second. The payload hash is given ({@code UNSIGNED-PAYLOAD}), so this measures
 * signing, not hashing a body. The keys cycle through 1,024 names, so no signature is the same twice in a row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigV4SignBenchmark {

    private static final String HOST = "127.0.0.1:9001";
    private static final int KEYS = 1024;

    /** Which signer: {@code reference} or {@code fast}, the names the record keeps. */
    @Param({"reference", "fast"})
    public String signer;

    private SigV4 sigV4;
    private final String[] keys = new String[KEYS];
    private final StringBuilder path = new StringBuilder(64);
    private int next;

    @Setup
    public void create() {
        Credentials credentials =
                new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "benchmark");
        sigV4 = switch (signer) {
            case "reference" -> new SigV4Reference(credentials, "us-east-1", "s3");
            case "fast" -> new SigV4Signer(credentials, "us-east-1", "s3");
            default -> throw new IllegalArgumentException("no signer named " + signer + "; use reference or fast");
        };
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "objects/run 1/key-" + i;
        }
    }

    /** Signs one PUT; the Authorization value goes back to JMH, so none of it is optimized away. */
    @Benchmark
    public String signPut(ProcessCpu cpu) {
        path.setLength(0);
        path.append("/bench-bucket/");
        SigV4Canonical.uriEncode(keys[next++ & (KEYS - 1)], true, path);
        SigV4.Request request =
                SigV4.request("PUT", path.toString()).header("host", HOST).payloadHash(SigV4.UNSIGNED_PAYLOAD);
        return sigV4.sign(request, System.currentTimeMillis() / 1000).authorization();
    }

    /*
     * HOW TO RUN THIS
     *   ./mvnw -q install -DskipTests        (once)
     *   ./mvnw -q -pl bench exec:java -Dexec.args="--micro signing --out target/signing.json"
     *
     * WHAT YOU SHOULD SEE
     *   A line per round and signer, then the record: for each signer, the mean ns per signed PUT with its
     *   99.9% confidence interval, the CPU time per signed PUT, and how busy the rest of the machine was
     *   meanwhile. Three SHA-256 passes
     *   (the canonical request, then the HMAC's inner and outer hash of the string to sign) are most of the
     *   fast signer's time. The reference also derives the signing key on every request (four more HMACs,
     *   each with a new Mac), formats the date, sorts through a TreeMap and builds every step as a String,
     *   so it is several times slower. On a busy machine both figures move with the load; their ratio moves
     *   less. The book quotes docs/records/05-lite-http-s3/signing.json.
     */
}
