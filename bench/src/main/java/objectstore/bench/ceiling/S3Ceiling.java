package objectstore.bench.ceiling;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.provisioning.ModuleDir;

/**
 * The S3 ceiling: how many GETs a second one embedded S3Proxy serves to wrk, a load generator in C, and how many to the
 * lite client, on the same server, the same object, as many in flight, for as long.
 */
final class S3Ceiling {

    static final String BUCKET = "ceiling";
    static final int SIZE = 5_000;

    private S3Ceiling() {}

    static CeilingRecord measure(
            CeilingOptions options, Path wrk, CeilingRecord.Machine machine, String date, PrintStream out)
            throws Exception {
        int inFlight = options.concurrency();
        int runSeconds = Warmup.runSeconds(options.seconds());
        /*
         * One event loop for the client's connections (async-http-client starts two per core by default).
         * On 2 cores shared with the server, more loops only wake more often with less to do each time:
         * the client's CPU per GET was 20.7 us with one loop against 22.6 with the default four, and
         * 17.3 against 19.4 with two, in back-to-back runs of this command.
         */
        try (EmbeddedS3Proxy s3 = EmbeddedS3Proxy.start(Backend.MEMORY, ModuleDir.resolve("target/embedded-stores"));
                LiteS3Client lite = LiteS3Client.open(
                        s3.target(),
                        LiteSettings.defaults()
                                .withMaxInFlight(inFlight)
                                .withSignInQuery(true)
                                .withIoThreads(1))) {

            /*
             * One object, and a presigned GET for it made by the lite client: wrk sends that URL as it is,
             * so it spends nothing on signing, while the lite client signs every GET it sends. The lite
             * client signs its GETs in the query string too (signInQuery), so both send the same kind of
             * request: S3Proxy (Jetty) spends more of its CPU on a GET signed in headers than on a presigned
             * one, and the ratio would then measure the server's parsing, not the client. The URL is valid
             * for the whole run; it is recorded without its signature.
             */
            TestObject object = TestObjects.make(1, SIZE, 7).getFirst();
            lite.createBucket(BUCKET).join();
            lite.putObject(BUCKET, object.key(), object.data()).join();
            long expires =
                    2L * (options.warmupSeconds() + 2L * runSeconds) + 2L * Ceiling.ROUNDS * options.seconds() + 600;
            URI url = lite.presign("GET", BUCKET, object.key(), expires);
            String shownUrl = url.toString().substring(0, url.toString().indexOf('?'))
                    + "?X-Amz-...(presigned GET; signature not recorded)";
            List<Long> server = List.of(s3.pid());
            out.printf(
                    "ceiling: s3 on %s (memory backend) at %s; one %,d-byte object; %d in flight; %d s each;"
                            + " warm-up runs of %d s, at most %d s%n",
                    EmbeddedS3Proxy.product(),
                    s3.endpoint(),
                    SIZE,
                    inFlight,
                    options.seconds(),
                    runSeconds,
                    options.warmupSeconds());

            // 1. Warm the server (S3Proxy's JIT, its connections) with wrk until two runs agree.
            CeilingRecord.Warmup toolWarmup = Warmup.untilSteady(
                    "wrk",
                    runSeconds,
                    options.warmupSeconds(),
                    () -> Map.of(
                            "get",
                            wrk(wrk, url, inFlight, runSeconds, server, shownUrl)
                                    .perSecond()),
                    out);

            // 2. Warm the client's JIT with the client, by the same rule.
            Window.Request get = () -> lite.getObject(BUCKET, object.key()).thenApply(object::matches);
            CeilingRecord.Warmup clientWarmup = Warmup.untilSteady(
                    "lite client",
                    runSeconds,
                    options.warmupSeconds(),
                    () -> {
                        Window.Result run = Window.chained(inFlight, runSeconds, get, Window.NO_FLUSH, () -> server);
                        if (run.errors() > 0) {
                            throw new IllegalStateException(
                                    "the lite client's warm-up had " + run.errors() + " failed or wrong GETs");
                        }
                        return Map.of("get", run.perSecond());
                    },
                    out);

            // 3. The server's ceiling, by wrk, and 4. the lite client, on the same server for as long: ROUNDS times,
            // taking turns to go first.
            List<Tools.Measured> tools = new ArrayList<>();
            List<Window.Result> clients = new ArrayList<>();
            for (int round = 1; round <= Ceiling.ROUNDS; round++) {
                Ceiling.Turn turn = Ceiling.turn(
                        round,
                        () -> wrk(wrk, url, inFlight, options.seconds(), server, shownUrl),
                        () -> Window.chained(inFlight, options.seconds(), get, Window.NO_FLUSH, () -> server));
                Tools.Measured tool = turn.tool();
                Window.Result client = turn.client();
                out.printf(
                        "ceiling: round %d/%d (%s first)  wrk %,.0f GETs/s, lite client %,.0f GETs/s"
                                + " (%,d verified, %,d errors)%n",
                        round,
                        Ceiling.ROUNDS,
                        Ceiling.toolFirst(round) ? "wrk" : "client",
                        tool.perSecond(),
                        client.perSecond(),
                        client.verified(),
                        client.errors());
                tools.add(tool);
                clients.add(client);
            }

            lite.deleteObject(BUCKET, object.key()).join();
            lite.deleteBucket(BUCKET).join();

            CeilingRecord.Row row = Ceiling.row("get", "wrk", tools, clients);
            return new CeilingRecord(
                    "s3",
                    date,
                    machine,
                    new CeilingRecord.Store(
                            EmbeddedS3Proxy.product(),
                            "memory",
                            s3.endpoint().toString(),
                            jvmFlags(s3.pid()),
                            "SigV4: the lite client signs every GET in its query string;"
                                    + " wrk sends one URL the lite client presigned"),
                    new CeilingRecord.Workload(
                            "GET of one object, bucket '" + BUCKET + "', the same for wrk and the client", SIZE),
                    inFlight,
                    options.seconds(),
                    new CeilingRecord.Tool(
                            "wrk",
                            Tools.version(wrk, "--version"),
                            tools.stream().map(Tools.Measured::command).toList()),
                    new CeilingRecord.Client(
                            "the lite client (objectstore.lite, SigV4 signed by the project, over async-http-client)"
                                    + " in this JVM, on epoll where it loads, one event loop; " + inFlight
                                    + " GETs in flight (each answer's callback sends the next GET),"
                                    + " every body compared with the object",
                            inFlight),
                    new CeilingRecord.Warmups(toolWarmup, clientWarmup),
                    List.of(row));
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern NOT_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s+(\\d+(?:\\.\\d+)?)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    /**
     * {@code wrk -tT -cC -dSs --latency URL}: two threads (or C, when fewer), C connections; fails unless every answer
     * was a 2xx.
     */
    static Tools.Measured wrk(Path wrk, URI url, int connections, int seconds, List<Long> server, String shownUrl)
            throws IOException, InterruptedException {
        List<String> command = List.of(
                wrk.toString(),
                "-t" + Math.min(2, connections),
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                url.toString());
        Tools.Run run = Tools.run(command, server, seconds + 60L);
        String output = run.output().replace(url.toString(), shownUrl);
        String shown = String.join(" ", command.subList(0, command.size() - 1)).replace(wrk.toString(), "wrk") + " "
                + shownUrl;
        Tools.Run recorded = new Tools.Run(output, run.exitCode(), run.cpuNanos(), run.cores(), run.seconds());
        Matcher rate = RATE.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        if (run.exitCode() != 0 || !rate.find() || !requests.find()) {
            throw new IllegalStateException("wrk failed (exit code " + run.exitCode() + "): "
                    + output.strip().replace('\n', ' '));
        }
        long errors = 0;
        Matcher not2xx = NOT_2XX.matcher(output);
        if (not2xx.find()) {
            throw new IllegalStateException(
                    "wrk got " + not2xx.group(1) + " answers other than 2xx or 3xx from S3Proxy; its output: "
                            + output.strip().replace('\n', ' '));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Map<String, Double> latency = new LinkedHashMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double ms = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            latency.put("p" + percentile.group(1).replace(".", ""), Math.round(ms * 1000) / 1000.0);
        }
        return new Tools.Measured(
                shown, recorded, Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), errors, latency);
    }

    /** The JVM flags the server runs with (those starting -X), from /proc/PID/cmdline; empty without /proc. */
    static List<String> jvmFlags(long pid) {
        try {
            String[] args = new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .split("\0");
            List<String> flags = new ArrayList<>();
            for (int i = 1; i < args.length && !args[i].equals("-cp"); i++) {
                if (args[i].startsWith("-X")) {
                    flags.add(args[i]);
                }
            }
            return flags;
        } catch (IOException e) {
            return List.of();
        }
    }
}
