package objectstore.lite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import objectstore.connection.Credentials;
import objectstore.provisioning.ModuleDir;

/**
 * How long signing one S3 PUT takes, on each signer: 1,000,000 requests each after a warm-up, no JMH, no JFR.
 *
 * <p>Each iteration does what {@link LiteS3Client} does per request: encode the key into the path, describe the request
 * (host, payload hash), sign it with the current second. The payload hash is given (UNSIGNED-PAYLOAD), so this measures
 * signing, not hashing a body. Both signers sign the same requests in the same JVM, one after the other; {@code --out
 * FILE} writes the result as JSON (a relative FILE is in the module's folder).
 */
public final class SigV4SignBenchmark {

    /** One signer's result, as the JSON record holds it. */
    record Result(
            String name,
            double nsPerRequest,
            double requestsPerSecond,
            int requests,
            String jdk,
            String date,
            int cores) {}

    private SigV4SignBenchmark() {}

    public static void main(String[] args) throws IOException {
        int requests = 1_000_000;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                // Relative to the module's folder, like every result: exec:java runs where Maven started.
                out = ModuleDir.resolve(args[++i]);
            } else {
                requests = Integer.parseInt(args[i]);
            }
        }
        Credentials credentials =
                new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "benchmark");
        System.out.println(
                "signing " + requests + " PUT requests per signer (after " + requests / 5 + " to warm up), JDK "
                        + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");

        /* Both warm up first, so neither is measured while the other's code is still being compiled. */
        List<SigV4> signers = new ArrayList<>();
        long sink = 0;
        for (Signers kind : Signers.values()) {
            SigV4 signer = kind.create(credentials, "us-east-1", "s3");
            signers.add(signer);
            sink += run(signer, requests / 5);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < signers.size(); i++) {
            String name = Signers.values()[i].name().toLowerCase();
            long start = System.nanoTime();
            sink += run(signers.get(i), requests);
            long elapsed = System.nanoTime() - start;
            Result result = new Result(
                    name,
                    (double) elapsed / requests,
                    requests * 1e9 / elapsed,
                    requests,
                    Runtime.version().toString(),
                    LocalDate.now(ZoneOffset.UTC).toString(),
                    Runtime.getRuntime().availableProcessors());
            results.add(result);
            System.out.printf(
                    "%-9s %,8.0f ns per signed request (%,.0f requests/s on one thread)%n",
                    name, result.nsPerRequest(), result.requestsPerSecond());
        }
        System.out.println("[" + sink % 10 + "]");
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
            System.out.println("written to " + out);
        }
    }

    /** Signs {@code count} PUTs of distinct keys; returns something derived from them so none is optimized away. */
    private static long run(SigV4 signer, int count) {
        long sink = 0;
        StringBuilder path = new StringBuilder(64);
        for (int i = 0; i < count; i++) {
            path.setLength(0);
            path.append("/bench-bucket/");
            SigV4Signer.uriEncode("objects/run 1/key-" + (i & 1023), true, path);
            SigV4.Request request = SigV4.request("PUT", path.toString())
                    .header("host", "127.0.0.1:9001")
                    .payloadHash(SigV4.UNSIGNED_PAYLOAD);
            SigV4.Signature signature = signer.sign(request, System.currentTimeMillis() / 1000);
            sink += signature.authorization().charAt(signature.authorization().length() - 1);
        }
        return sink;
    }

    /*
     * HOW TO RUN THIS
     *   ./mvnw -q -pl common test-compile exec:java -Dexec.classpathScope=test \
     *       -Dexec.mainClass=objectstore.lite.SigV4SignBenchmark -Dexec.args="--out target/sigv4-sign.json"
     *   (a first number in exec.args sets the requests per signer: -Dexec.args="200000 --out FILE")
     *
     * WHAT YOU SHOULD SEE
     *   One line per signer, "reference" then "fast", and with --out a JSON array with one object per
     *   signer: name, nsPerRequest, requestsPerSecond, requests, jdk, date, cores. Three SHA-256 passes
     *   (the canonical request, then the HMAC's inner and outer hash of the string to sign) are most of
     *   the fast signer's time. The reference also derives the signing key on every request (four more
     *   HMACs, each with a new Mac), formats the date, sorts through a TreeMap and builds every step as a
     *   String, so it is several times slower. Measure on an idle machine: on a busy one both figures
     *   move with the load, and only their ratio means much.
     */
}
