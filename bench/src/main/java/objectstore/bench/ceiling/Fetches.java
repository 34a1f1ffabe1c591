package objectstore.bench.ceiling;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import objectstore.largeobjects.clients.LargeObjectClient;
import objectstore.largeobjects.measure.Digests;
import objectstore.largeobjects.measure.Source;

/**
 * The two sides of the large-object ceiling, each fetching the object again and again for a while: curl through the
 * presigned URL, over one connection, into /dev/null; and the lite client, one download after another: its ranged GETs
 * into a file (chapter 09's adapter).
 */
final class Fetches {

    static final String LITE = "the lite client's download (chapter 09's adapter, its defaults): ranged GETs in"
            + " parallel into a file (on /dev/shm when it has room), its SHA-256 checked after the clock stops";

    /**
     * What one run moved: bytes over the seconds it took, the CPU time it used (-1 where not read), its transfers, and
     * those checked and right.
     */
    record Run(long bytes, long nanos, long cpuNanos, long transfers, long verified, long errors) {

        double bytesPerSecond() {
            return bytes / Math.max(1e-9, nanos / 1e9);
        }
    }

    private final Path curl;
    private final URI url;
    private final Source object;
    private final LargeObjectClient ranged;
    private final Path downloads;
    private final String bucket;
    private final String key;
    private final List<Long> server;
    private double curlRate;

    Fetches(
            Path curl,
            URI url,
            Source object,
            LargeObjectClient ranged,
            Path downloads,
            String bucket,
            String key,
            List<Long> server) {
        this.curl = curl;
        this.url = url;
        this.object = object;
        this.ranged = ranged;
        this.downloads = downloads;
        this.bucket = bucket;
        this.key = key;
        this.server = server;
    }

    /**
     * curl fetches the URL as many times as last time's rate fits in {@code seconds}, in one process over one
     * connection, each body to /dev/null; each answer's status and size are checked.
     */
    Run curl(int seconds) throws IOException, InterruptedException {
        int times =
                curlRate == 0 ? 1 : (int) Math.max(1, Math.min(10_000, Math.round(seconds * curlRate / object.size())));
        Tools.Run run = Tools.run(curlCommand(times, url.toString()), server, seconds * 10L + 120);
        long verified = run.output()
                .lines()
                .filter(line -> line.strip().equals("200 " + object.size()))
                .count();
        if (run.exitCode() != 0) {
            throw new IllegalStateException("curl failed (exit code " + run.exitCode() + "): "
                    + run.output().strip().lines().findFirst().orElse(""));
        }
        Run result = new Run(
                times * object.size(), (long) (run.seconds() * 1e9), run.cpuNanos(), times, verified, times - verified);
        curlRate = result.bytesPerSecond();
        return result;
    }

    /** The command as recorded: the URL without its signature. */
    String shownCurl() {
        String shown = url.toString().substring(0, url.toString().indexOf('?'))
                + "?X-Amz-...(presigned GET; signature not recorded)";
        return String.join(" ", curlCommand(1, shown)).replace(curl.toString(), "curl") + " (N times in one process)";
    }

    private List<String> curlCommand(int times, String target) {
        List<String> command =
                new ArrayList<>(List.of(curl.toString(), "-s", "-S", "-w", "%{http_code} %{size_download}\\n"));
        for (int i = 0; i < times; i++) {
            command.addAll(List.of("-o", "/dev/null", target));
        }
        return command;
    }

    /**
     * The lite client downloads the object into a file again and again for {@code seconds}; each file's SHA-256 is
     * checked, uncounted, and the file deleted.
     */
    Run lite(int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long nanos = 0;
        long cpu = 0;
        long transfers = 0;
        long verified = 0;
        Path file = downloads.resolve("ceiling-download");
        while (transfers == 0 || System.nanoTime() < end) {
            long cpuBefore = Cpu.processCpuNanos();
            long start = System.nanoTime();
            ranged.get(bucket, key, file).done().join();
            nanos += System.nanoTime() - start;
            cpu += Cpu.processCpuNanos() - cpuBefore;
            transfers++;
            if (object.sha256().equals(Digests.sha256(file))) {
                verified++;
            }
            Files.delete(file);
        }
        return new Run(transfers * object.size(), nanos, cpu, transfers, verified, transfers - verified);
    }
}
