package objectstore.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Loopback TCP on its own: iperf3 sends one stream to an iperf3 server on 127.0.0.1 for a number of seconds, a number
 * of times; the median run is what the wire carries, with no HTTP, no server and no client library in the way.
 */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every run's rate in bits a second, and the command as run. */
    record Run(List<Double> bitsPerSecond, String command) {

        LargeObjectCeilingRecord.Side side(String version) {
            List<Double> sorted = bitsPerSecond.stream().sorted().toList();
            double bits = sorted.get((sorted.size() - 1) / 2);
            double bytes = bits / 8;
            return new LargeObjectCeilingRecord.Side(
                    "wire",
                    version + ", one TCP stream over loopback (127.0.0.1), the median of " + sorted.size() + " runs",
                    Ceiling.round(bytes),
                    Ceiling.round(bytes / (1 << 20)),
                    Ceiling.round(bits / 1e9),
                    null,
                    sorted.size(),
                    0,
                    0,
                    bitsPerSecond.stream().map(b -> Ceiling.round(b / 8)).toList());
        }
    }

    private Wire() {}

    static Run measure(Path iperf3, int seconds, int runs, PrintStream out) throws IOException, InterruptedException {
        List<Double> rates = new ArrayList<>();
        String shown = null;
        for (int i = 1; i <= runs; i++) {
            int port = freePort();
            Process server = new ProcessBuilder(iperf3.toString(), "-s", "-1", "-B", "127.0.0.1", "-p", "" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                List<String> client =
                        List.of(iperf3.toString(), "-c", "127.0.0.1", "-p", "" + port, "-t", "" + seconds, "-J");
                shown = String.join(" ", client)
                        .replace(iperf3.toString(), "iperf3")
                        .replace(" -p " + port, "");
                Tools.Run run = null;
                for (int attempt = 0; attempt < 50; attempt++) { // until the server listens
                    run = Tools.run(client, List.of(), seconds + 60L);
                    if (run.exitCode() == 0) {
                        break;
                    }
                    Thread.sleep(100);
                }
                JsonNode result = JSON.readTree(run.output());
                if (run.exitCode() != 0 || result.has("error")) {
                    throw new IllegalStateException("iperf3 failed: "
                            + result.path("error").asText(run.output().strip()));
                }
                double bits = result.path("end")
                        .path("sum_received")
                        .path("bits_per_second")
                        .asDouble();
                rates.add(bits);
                out.printf(Locale.ROOT, "ceiling: wire, run %d/%d  iperf3 %.2f Gbit/s%n", i, runs, bits / 1e9);
            } finally {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
                server.destroyForcibly();
            }
        }
        return new Run(rates, shown);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
