package objectstore.largeobjects;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import objectstore.harness.Chapter;
import objectstore.harness.Harness;
import objectstore.harness.Options;
import objectstore.harness.Options.Defaults;
import objectstore.harness.PhaseResult;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.largeobjects.clients.Client;
import objectstore.largeobjects.measure.ClientJvm;
import objectstore.largeobjects.measure.ClientRun;
import objectstore.largeobjects.measure.Leftovers;
import objectstore.largeobjects.measure.Source;
import objectstore.largeobjects.measure.SourceFiles;
import objectstore.provisioning.Backend;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ProvisionedStore;
import objectstore.provisioning.RamDisk;
import objectstore.provisioning.StoreKind;
import objectstore.provisioning.Stores;

/**
 * Chapter 09: objects of hundreds of MiB, from a file and back into one, by the clients Java users have: the SDK on one
 * stream and in parts, the CRT, the Transfer Manager, and the lite client.
 */
public final class LargeObjectsS3PutGet {

    /*
     * Every chapter so far moved 5,000-byte objects, where a request's cost is all overhead. Here one object
     * is 256 MiB: what counts is how fast one connection goes, how many parts are in flight, how much memory
     * that takes, and what checksums cost. docs/09-large-objects-s3.md has the measurements.
     *
     * Objects this large never pass through anyone's heap whole: each client reads its upload from a file
     * and writes its download into one. The source files are written once, their digests computed as they
     * are; every download is checked against its source's SHA-256, every upload's ETag against the one the
     * file makes.
     */
    public static final Chapter CHAPTER = new Chapter(
            "09-large-objects-s3",
            LargeObjectsS3PutGet.class,
            StoreKind.S3,
            new Defaults(2, 256 << 20, 1, 3, 1 << 30),
            LargeObjectSettings.EXTRAS,
            LargeObjectsS3PutGet::measure,
            LargeObjectsS3PutGet::store);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    /*
     * The store: a configured endpoint as in every chapter, else an embedded S3Proxy whose filesystem
     * backend keeps its objects on the RAM disk, /dev/shm, when that has room for them and for the
     * chapter's own files (else on disk under target/; the results say which). The options are checked
     * first: a size S3 would refuse fails before anything starts.
     */
    static ProvisionedStore store(Options options, Map<String, String> env) {
        LargeObjectSettings settings = LargeObjectSettings.of(options);
        long bytes = options.backend() == Backend.MEMORY
                ? settings.storeBytes() // in S3Proxy's heap; the chapter's files go where there is room
                : settings.storeBytes() + settings.fileBytes(); // the chapter's files beside the store's
        return Stores.s3(
                options.store(), options.endpoint(), env, () -> Stores.largeObjectS3(options.backend(), bytes));
    }

    /*
     * Each client runs in a JVM of its own, one after the other, on the same store: what one client's heap,
     * direct buffers or native library hold is then never charged to another, and each starts as cold as
     * the others. The JVM is started with the same flags for all (ClientJvm.JVM_FLAGS).
     */
    static final String CANNOT_LIST_UPLOADS =
            "the store lists no multipart uploads (501 NotImplemented): none left behind could be seen";

    // tag::measure[]
    public static RunResult measure(Run run) throws Exception {
        LargeObjectSettings settings = LargeObjectSettings.of(run.options());
        boolean onS3Proxy = run.store().product().startsWith("S3Proxy");
        boolean storeOnRamDisk = String.valueOf(run.store().backend()).contains(RamDisk.PATH.toString());
        RamDisk.Place place = RamDisk.place(
                settings.fileBytes() + (storeOnRamDisk ? settings.storeBytes() : 0),
                ModuleDir.resolve("target/large-objects"));
        Path folder = Files.createTempDirectory(Files.createDirectories(place.parent()), "objectstore-09-");
        PrintStream out = run.out();
        out.println("files: " + place.description());
        List<PhaseResult> phases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<RunResult.Warmup> warmups = new ArrayList<>();
        try (SourceFiles sources = SourceFiles.write(folder, settings.iterations(), settings.size());
                Leftovers leftovers = new Leftovers(run.target(), run.bucket())) {
            for (Client client : settings.clients()) {
                out.println("client: " + client.label() + ", in a JVM of its own");
                try {
                    ClientRun.Answer answer = ClientJvm.measure(
                            clientRun(run, settings, client, sources.sources(), folder, onS3Proxy),
                            run.target().credentials(),
                            folder,
                            out);
                    phases.addAll(answer.phases());
                    if (answer.warmup() != null) {
                        warmups.add(answer.warmup());
                    }
                } catch (IllegalStateException e) {
                    // A client that cannot work with this store fails its phases, and the others still run.
                    out.println("client: " + client.label() + " FAILED: " + e.getMessage());
                    phases.addAll(ClientJvm.failed(
                            client,
                            onS3Proxy,
                            settings.iterations(),
                            run.options().rounds(),
                            e));
                }
                String noGet = client.noGetBecause(onS3Proxy);
                if (noGet != null) {
                    notes.add(client.getPhase() + " not measured: " + noGet);
                }
                Leftovers.Found left = leftovers.removeAll();
                if (!left.none()) {
                    notes.add(client.label() + " left " + left.objects() + " objects and " + Math.max(0, left.uploads())
                            + " multipart uploads behind (removed)");
                }
                if (left.uploads() < 0 && !notes.contains(CANNOT_LIST_UPLOADS)) {
                    notes.add(CANNOT_LIST_UPLOADS);
                }
            }
        } finally {
            deleteRecursively(folder);
        }
        notes.forEach(note -> out.println("note: " + note));
        return result(run, settings, place, phases, warmups, notes);
    }
    // end::measure[]

    private static ClientRun clientRun(
            Run run,
            LargeObjectSettings settings,
            Client client,
            List<Source> sources,
            Path folder,
            boolean onS3Proxy) {
        Options options = run.options();
        return new ClientRun(
                client.label(),
                run.target().endpoint().toString(),
                run.target().region(),
                run.bucket(),
                sources,
                options.rounds(),
                Math.min(options.warmup(), settings.iterations()),
                options.warmupSeconds(),
                settings.partSize(),
                settings.parallel(),
                onS3Proxy,
                run.serverPids(),
                run.store().product(),
                folder,
                folder.resolve(client.label() + "-answer.json"));
    }

    private static RunResult result(
            Run run,
            LargeObjectSettings settings,
            RamDisk.Place place,
            List<PhaseResult> phases,
            List<RunResult.Warmup> warmups,
            List<String> notes) {
        Options options = run.options();
        Map<String, String> chosen = new LinkedHashMap<>(options.extras());
        RunResult.Warmup warmup = warmups.isEmpty()
                ? null
                : new RunResult.Warmup(
                        warmups.stream().mapToInt(RunResult.Warmup::passes).sum(),
                        Math.round(warmups.stream()
                                                .mapToDouble(RunResult.Warmup::seconds)
                                                .sum()
                                        * 10)
                                / 10.0,
                        warmups.stream().allMatch(RunResult.Warmup::steady),
                        Harness.WARMUP_TOLERANCE_PERCENT,
                        warmups.getFirst().objectsPerPhase(),
                        options.warmupSeconds());
        double other = phases.stream()
                .mapToDouble(p -> p.cores().other() == null ? 0 : p.cores().other() * p.seconds())
                .sum();
        double seconds = phases.stream().mapToDouble(PhaseResult::seconds).sum();
        boolean proc = phases.stream().anyMatch(p -> p.cores().other() != null);
        String client = "each client in a JVM of its own (java " + String.join(" ", ClientJvm.JVM_FLAGS)
                + "), one after the other, on this store; the files on " + place.description()
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return new RunResult(
                options.experiment(),
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                run.store(),
                client,
                new RunResult.Settings(
                        settings.iterations(),
                        options.size(),
                        options.concurrency(),
                        options.rounds(),
                        options.warmup(),
                        Map.copyOf(chosen)),
                Harness.machine(proc && seconds > 0 ? Math.round(other / seconds * 100) / 100.0 : null),
                warmup,
                phases,
                new RunResult.Overall(0),
                phases.stream().allMatch(PhaseResult::passed));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private LargeObjectsS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 09-large-objects-s3 exec:java
 *   ./mvnw -q -pl 09-large-objects-s3 exec:java -Dexec.args="--size 67108864 --iterations 2 --rounds 1"
 *   ./mvnw -q -pl 09-large-objects-s3 exec:java -Dexec.args="--clients sdk,crt --part-size 16MiB --parallel 4"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The store (an embedded S3Proxy, its objects on /dev/shm), then each client in turn, in a JVM of its
 *   own: its warm-up, then a line per phase and round with MiB/s, Gbit/s, CPU seconds per GiB and the peak
 *   memory over the JVM's baseline, every object verified, errors 0; the phases S3Proxy cannot serve are
 *   named in a note. docs/09-large-objects-s3.md has the measured tables, the crossover and the charts.
 */
