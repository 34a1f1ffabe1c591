package objectstore.bench.ceiling;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.ModuleDir;

/**
 * The reference tools (wrk, redis-benchmark): found on PATH, installed with scripts/debian-tools.sh when missing, and
 * run so that their own CPU time is known.
 */
final class Tools {

    /** A tool that is missing and could not be installed; its message is the one line to print. */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** What one run of a tool printed, and what it cost. */
    record Run(String output, int exitCode, long cpuNanos, CeilingRecord.Cores cores, double seconds) {}

    /**
     * One measured run of wrk or redis-benchmark and what it reported: its rate, requests, errors (socket errors, or
     * error lines) and latency percentiles; {@code command} as recorded (no secret in it).
     */
    record Measured(
            String command, Run run, double perSecond, long requests, long errors, Map<String, Double> latencyMs) {}

    private final Map<String, String> env;

    Tools(Map<String, String> env) {
        this.env = env;
    }

    /**
     * The path of {@code command} on PATH; when it is not there, runs {@code . scripts/debian-tools.sh COMMAND}
     * (apt-get, as root or through sudo) and looks again. Fails with one line when it cannot.
     */
    Path ensure(String command, PrintStream out) {
        Optional<Path> found = onPath(command);
        if (found.isPresent()) {
            return found.get();
        }
        String fix = "install it by hand: apt-get install " + debianPackage(command);
        Path script =
                ModuleDir.resolve("../scripts/debian-tools.sh").toAbsolutePath().normalize();
        if (!Files.isReadable(script)) {
            throw new Missing(
                    command + " is not on PATH, and scripts/debian-tools.sh is not at " + script + "; " + fix);
        }
        out.println("ceiling: " + command + " is not on PATH; installing Debian's " + debianPackage(command)
                + " with scripts/debian-tools.sh");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "/bin/bash", "-c", ". \"$0\" \"$1\"", script.toString(), command)
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            Process install = builder.start();
            install.getOutputStream().close();
            install.getInputStream().readAllBytes(); // the script's own line; ours above says the same
            if (!install.waitFor(10, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
        } catch (IOException e) {
            throw new Missing(command + " is not on PATH, and scripts/debian-tools.sh could not be run ("
                    + e.getMessage() + "); " + fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Missing("interrupted while installing " + command + "; " + fix);
        }
        return onPath(command)
                .orElseThrow(() -> new Missing(command
                        + " is not on PATH, and scripts/debian-tools.sh could not install it with apt-get; " + fix));
    }

    /** The Debian package holding {@code command} (as scripts/debian-tools.sh maps it). */
    static String debianPackage(String command) {
        return command.equals("redis-benchmark") ? "redis-tools" : command;
    }

    Optional<Path> onPath(String command) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first line {@code command ARG} prints, e.g. {@code redis-benchmark 7.0.15}. */
    static String version(Path command, String arg) {
        try {
            Process p = new ProcessBuilder(command.toString(), arg)
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
            p.waitFor(10, TimeUnit.SECONDS);
            int copyright = first.indexOf(" Copyright");
            return copyright > 0 ? first.substring(0, copyright) : first;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /*
     * The tool runs under a shell that, once the tool has ended, reads its own /proc/$$/stat: fields 16
     * and 17 (cutime, cstime) are the CPU time of the children it waited for, that is the tool's alone,
     * every thread included. The shell prints that line after the tool's output, and exits with the
     * tool's code. The machine, this JVM and the server are sampled just before and just after.
     */
    private static final String MARKER = "ceiling-tool-stat: ";
    private static final String UNDER_SHELL =
            "\"$@\"; code=$?; read -r stat < /proc/$$/stat; echo; echo \"" + MARKER + "$stat\"; exit $code";

    /**
     * Runs {@code command} to its end (at most {@code timeoutSeconds}), with its CPU time and the cores everyone used
     * meanwhile.
     */
    static Run run(List<String> command, List<Long> serverPids, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c", UNDER_SHELL, "sh"));
        shell.addAll(command);
        Cpu.Sample before = Cpu.now(serverPids);
        Process process = new ProcessBuilder(shell).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException(command.getFirst() + " did not end within " + timeoutSeconds + " s");
            }
            Cpu.Sample after = Cpu.now(serverPids);
            String output = printed.join();
            int at = output.lastIndexOf(MARKER);
            if (at < 0) {
                throw new IOException("the shell that ran "
                        + Path.of(command.getFirst()).getFileName() + " did not report its CPU time:\n" + output);
            }
            long cpuNanos =
                    Cpu.childrenTicks(output.substring(at + MARKER.length()).strip()) * Cpu.TICK_NANOS;
            String own = output.substring(0, at).stripTrailing() + "\n";
            return new Run(
                    own,
                    process.exitValue(),
                    cpuNanos,
                    Cpu.between(before, after, cpuNanos),
                    (after.wallNanos() - before.wallNanos()) / 1e9);
        } finally {
            // The tool, and the shell, never outlive the run: an error or an interrupt ends them here.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
