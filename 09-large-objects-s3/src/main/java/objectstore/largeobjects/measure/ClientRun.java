package objectstore.largeobjects.measure;

import java.nio.file.Path;
import java.util.List;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;

/**
 * What the chapter tells a client's JVM (as a JSON file; the credentials go in its environment), and what the JVM
 * answers.
 *
 * @param client the client's name ({@link objectstore.largeobjects.clients.Client#label()})
 * @param endpoint the store, and {@code region} and {@code bucket} on it
 * @param sources the files to upload, one per object of a phase
 * @param partSize the part size the run asks for; null for each client's own
 * @param parallel the parts or ranges in flight the run asks for; null for each client's own
 * @param onS3Proxy the store is S3Proxy (what it cannot do, the clients keep off)
 * @param storePids the store's processes when the run started it (to read their CPU time), else none
 * @param storeProduct the store's product, e.g. {@code S3Proxy 4.0.0}
 * @param downloads the folder downloads go to, one at a time
 * @param results the file the JVM writes its {@link Answer} to
 */
public record ClientRun(
        String client,
        String endpoint,
        String region,
        String bucket,
        List<Source> sources,
        int rounds,
        int warmup,
        int warmupSeconds,
        Long partSize,
        Integer parallel,
        boolean onS3Proxy,
        List<Long> storePids,
        String storeProduct,
        Path downloads,
        Path results) {

    /** What a client's JVM measured: the client as it was set up, its phases, its warm-up. */
    public record Answer(String description, List<PhaseResult> phases, RunResult.Warmup warmup) {}
}
