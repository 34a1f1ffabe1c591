package objectstore.largeobjects.measure;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import objectstore.connection.Credentials;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.largeobjects.clients.Client;
import objectstore.provisioning.ParentWatch;
import objectstore.util.Classpath;

/**
 * Runs one client's phases in a JVM of its own, so that what one client's heap, direct buffers or native library hold
 * is never charged to another: {@code java FLAGS -cp <this JVM's classpath> ParentWatch ClientMain RUN.json}, the
 * store's credentials in its environment, never on its command line. Its progress lines are passed on as they come;
 * {@link ParentWatch} stops it if this process goes away.
 */
public final class ClientJvm {

    /** The same flags for every client: one heap size and collector for all, and nothing tuned for any. */
    public static final List<String> JVM_FLAGS =
            List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED");

    /** The longest one client's JVM may take, warm-up and rounds together. */
    static final long TIMEOUT_MINUTES = 90;

    private ClientJvm() {}

    /**
     * Measures the client {@code run} names against the store, as {@code credentials}; its progress goes to
     * {@code out}. Fails with the JVM's own one-line reason when it could not measure.
     */
    public static ClientRun.Answer measure(ClientRun run, Credentials credentials, Path folder, PrintStream out)
            throws IOException, InterruptedException {
        Path runFile = folder.resolve(run.client() + "-run.json");
        Path errors = folder.resolve(run.client() + "-stderr.log");
        Files.deleteIfExists(run.results());
        ClientMain.JSON.writeValue(runFile.toFile(), run);

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath()));
        command.add(ParentWatch.class.getName());
        command.add(ClientMain.class.getName());
        command.add(runFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        } else {
            env.remove("AWS_SESSION_TOKEN");
        }

        Process process = builder.start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(
                        run.client() + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } finally {
            process.getOutputStream().close(); // its ParentWatch halts it if it is still there
            process.destroyForcibly();
            Files.deleteIfExists(runFile);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(run.results())) {
            throw new IllegalStateException(
                    lastLine(errors, "the JVM of " + run.client() + " exited with code " + process.exitValue()));
        }
        ClientRun.Answer answer = ClientMain.JSON.readValue(run.results().toFile(), ClientRun.Answer.class);
        Files.deleteIfExists(run.results());
        Files.deleteIfExists(errors);
        return answer;
    }

    /** The phases of a client whose JVM could not measure: every object failed, with the JVM's reason. */
    public static List<PhaseResult> failed(
            Client client, boolean onS3Proxy, int iterations, int rounds, Exception why) {
        Map<String, Phase.Kind> ops = new LinkedHashMap<>();
        ops.put(client.putPhase(onS3Proxy), Phase.Kind.PUT);
        if (client.noGetBecause(onS3Proxy) == null) {
            ops.put(client.getPhase(), Phase.Kind.GET);
        }
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        PhaseResult.Latency none = new PhaseResult.Latency(0, 0, 0, 0, 0);
        return ops.entrySet().stream()
                .map(op -> new PhaseResult(
                        op.getKey(),
                        op.getValue(),
                        Loop.FILE_TRANSFER,
                        iterations,
                        rounds,
                        (long) iterations * rounds,
                        0,
                        0,
                        0,
                        0,
                        0,
                        false,
                        0,
                        0,
                        none,
                        null,
                        null,
                        0,
                        0,
                        new PhaseResult.Cores(0, null, null),
                        "client",
                        List.of(),
                        List.of(why.getMessage()),
                        0,
                        now,
                        now,
                        "",
                        null,
                        null))
                .toList();
    }

    private static String lastLine(Path log, String otherwise) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .reduce((a, b) -> b)
                    .orElse(otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }

    /**
     * This JVM's classpath: the class loader's when it has one of its own (exec:java), else {@code java.class.path} (a
     * JVM started with -cp, as the suite starts the chapters, or a test's).
     */
    static List<String> classpath() {
        return Classpath.current();
    }
}
