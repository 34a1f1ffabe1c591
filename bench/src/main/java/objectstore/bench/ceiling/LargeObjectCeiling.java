package objectstore.bench.ceiling;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import objectstore.largeobjects.clients.Client;
import objectstore.largeobjects.clients.ClientSettings;
import objectstore.largeobjects.clients.LargeObjectClient;
import objectstore.largeobjects.measure.Source;
import objectstore.largeobjects.measure.SourceFiles;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.Backend;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ProvisionedStore;
import objectstore.provisioning.RamDisk;
import objectstore.provisioning.Stores;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The ceiling for one large object ({@code --ceiling s3 --size BYTES}): how fast one S3Proxy, its filesystem backend on
 * the RAM disk, serves it to curl, a client no one here wrote, which writes it to /dev/null; how fast to the lite
 * client, through the same presigned URL, in turns; and how fast loopback TCP itself goes (iperf3, one stream). The
 * three side by side say whether the client, the server or the wire is the limit.
 */
final class LargeObjectCeiling {

    static final String BUCKET = "ceiling-large";

    private LargeObjectCeiling() {}

    static LargeObjectCeilingRecord measure(
            CeilingOptions options, Tools tools, CeilingRecord.Machine machine, String date, PrintStream out)
            throws Exception {
        long size = options.size();
        Path curl = tools.ensure("curl", out);
        Path iperf3 = tools.ensure("iperf3", out);
        RamDisk.Place place = RamDisk.place(2 * size, ModuleDir.resolve("target/ceiling-large"));
        Path folder = Files.createTempDirectory(Files.createDirectories(place.parent()), "objectstore-ceiling-");
        try (ProvisionedStore store = Stores.largeObjectS3(Backend.DISK, 2 * size);
                SourceFiles files = SourceFiles.write(folder, 1, size);
                LiteS3Client lite = LiteS3Client.open(store.target(), LiteSettings.defaults());
                // The lite client's ranged download, through chapter 09's adapter, with its defaults.
                LargeObjectClient ranged = Client.LITE.open(new ClientSettings(store.target(), null, null, true))) {
            Source object = files.sources().getFirst();
            List<Long> server = store.serverPids();
            lite.createBucket(BUCKET).join();
            try (S3AsyncClient sdk = SdkClients.async(store.target(), 1)) {
                sdk.putObject(b -> b.bucket(BUCKET).key("object"), AsyncRequestBody.fromFile(object.file()))
                        .join();
            }
            long expires = 4L * options.warmupSeconds() + 4L * Ceiling.ROUNDS * options.seconds() + 600;
            URI url = lite.presign("GET", BUCKET, "object", expires);
            out.printf(
                    "ceiling: one object of %,d bytes on %s (%s) at %s; %d s each, %d rounds%n",
                    size,
                    store.info().product(),
                    store.info().backend(),
                    store.info().endpoint(),
                    options.seconds(),
                    Ceiling.ROUNDS);

            Fetches fetches = new Fetches(curl, url, object, ranged, folder, BUCKET, "object", server);
            int runSeconds = Warmup.runSeconds(options.seconds());
            CeilingRecord.Warmup toolWarmup = Warmup.untilSteady(
                    "curl",
                    runSeconds,
                    options.warmupSeconds(),
                    () -> Map.of("get", fetches.curl(runSeconds).bytesPerSecond()),
                    out);
            CeilingRecord.Warmup clientWarmup = Warmup.untilSteady(
                    "lite client",
                    runSeconds,
                    options.warmupSeconds(),
                    () -> Map.of("get", fetches.lite(runSeconds).bytesPerSecond()),
                    out);

            List<Fetches.Run> curls = new ArrayList<>();
            List<Fetches.Run> clients = new ArrayList<>();
            List<LargeObjectCeilingRecord.Round> rounds = new ArrayList<>();
            for (int round = 1; round <= Ceiling.ROUNDS; round++) {
                boolean toolFirst = Ceiling.toolFirst(round);
                Fetches.Run first = toolFirst ? fetches.curl(options.seconds()) : fetches.lite(options.seconds());
                Fetches.Run second = toolFirst ? fetches.lite(options.seconds()) : fetches.curl(options.seconds());
                Fetches.Run tool = toolFirst ? first : second;
                Fetches.Run client = toolFirst ? second : first;
                curls.add(tool);
                clients.add(client);
                rounds.add(new LargeObjectCeilingRecord.Round(
                        Ceiling.round(tool.bytesPerSecond()), Ceiling.round(client.bytesPerSecond()), toolFirst));
                out.printf(
                        "ceiling: round %d/%d (%s first)  curl %,.0f MiB/s, lite client %,.0f MiB/s"
                                + " (%d verified, %d errors)%n",
                        round,
                        Ceiling.ROUNDS,
                        toolFirst ? "curl" : "client",
                        tool.bytesPerSecond() / (1 << 20),
                        client.bytesPerSecond() / (1 << 20),
                        client.verified(),
                        client.errors());
            }
            Wire.Run wire = Wire.measure(iperf3, options.seconds(), Ceiling.ROUNDS, out);
            lite.deleteObject(BUCKET, "object").join();
            lite.deleteBucket(BUCKET).join();

            LargeObjectCeilingRecord.Side serverSide = side(
                    "server",
                    Tools.version(curl, "--version").replaceFirst(" \\(.*", "")
                            + ", GETs of the presigned URL one after another on"
                            + " one connection, the body to /dev/null",
                    curls);
            LargeObjectCeilingRecord.Side clientSide = side("client", Fetches.LITE, clients);
            LargeObjectCeilingRecord.Side wireSide = wire.side(Tools.version(iperf3, "--version"));
            List<String> commands = new ArrayList<>(List.of(fetches.shownCurl(), wire.command()));
            return new LargeObjectCeilingRecord(
                    "s3-large",
                    date,
                    machine,
                    new CeilingRecord.Store(
                            store.info().product(),
                            store.info().backend(),
                            store.info().endpoint(),
                            server.isEmpty() ? List.of() : S3Ceiling.jvmFlags(server.getFirst()),
                            "SigV4 in the query string: one URL the lite client presigned, for curl and the lite"
                                    + " client"),
                    size,
                    options.seconds(),
                    List.of(wireSide, serverSide, clientSide),
                    Ceiling.ratio(clientSide.bytesPerSecond(), serverSide.bytesPerSecond()),
                    Ceiling.ratio(serverSide.bytesPerSecond(), wireSide.bytesPerSecond()),
                    rounds,
                    new CeilingRecord.Warmups(toolWarmup, clientWarmup),
                    commands);
        } finally {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A side's median round, and every round's rate; its counts over every round. */
    static LargeObjectCeilingRecord.Side side(String name, String what, List<Fetches.Run> runs) {
        List<Fetches.Run> sorted = runs.stream()
                .sorted((a, b) -> Double.compare(a.bytesPerSecond(), b.bytesPerSecond()))
                .toList();
        Fetches.Run median = sorted.get((sorted.size() - 1) / 2);
        double rate = median.bytesPerSecond();
        return new LargeObjectCeilingRecord.Side(
                name,
                what,
                Ceiling.round(rate),
                Ceiling.round(rate / (1 << 20)),
                Ceiling.round(rate * 8 / 1e9),
                median.cpuNanos() < 0
                        ? null
                        : Math.round(median.cpuNanos() / 1e9 / (median.bytes() / (double) (1L << 30)) * 1000) / 1000.0,
                runs.stream().mapToLong(Fetches.Run::transfers).sum(),
                runs.stream().mapToLong(Fetches.Run::verified).sum(),
                runs.stream().mapToLong(Fetches.Run::errors).sum(),
                runs.stream().map(r -> Ceiling.round(r.bytesPerSecond())).toList());
    }

    /** One line per side, for the terminal. */
    static void summary(LargeObjectCeilingRecord record, PrintStream out) {
        out.printf(
                "%nlarge-object ceiling, one object of %,d bytes, %s (%s), median of %d rounds%n",
                record.objectBytes(),
                record.store().product(),
                record.store().backend(),
                record.rounds().size());
        for (LargeObjectCeilingRecord.Side side : record.sides()) {
            out.printf(
                    java.util.Locale.ROOT,
                    "  %-7s %,9.0f MiB/s %6.2f Gbit/s  %s CPU-s/GiB  %s%n",
                    side.name(),
                    side.mibPerSecond(),
                    side.gbitsPerSecond(),
                    side.cpuSecondsPerGiB() == null ? "-" : String.format("%.2f", side.cpuSecondsPerGiB()),
                    side.what());
        }
        out.printf(
                java.util.Locale.ROOT,
                "  client/server %.2fx, server/wire %.2fx%n",
                record.clientToServerRatio(),
                record.serverToWireRatio());
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the folder goes at the end
        }
    }
}
