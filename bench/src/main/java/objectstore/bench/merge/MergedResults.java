package objectstore.bench.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;

/**
 * A merged results JSON: every field of a run's results JSON (RunResult), then {@code merge} (MergeRecord). RunResult
 * has no such field, so the merge object is written and read beside it here.
 */
public final class MergedResults {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MergedResults() {}

    /** Writes {@code merged} to {@code file}, creating its folder. */
    public static void write(RunMerger.Merged merged, Path file) throws IOException {
        ObjectNode root = MAPPER.valueToTree(merged.run());
        root.set("merge", MAPPER.valueToTree(merged.merge()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), root);
    }

    /** Reads a merged results JSON back. */
    public static RunMerger.Merged read(Path file) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(file.toFile());
        JsonNode merge = root.remove("merge");
        return new RunMerger.Merged(
                ResultsJson.requireTyped(MAPPER.treeToValue(root, RunResult.class), file),
                merge == null ? null : MAPPER.treeToValue(merge, MergeRecord.class));
    }

    /**
     * One host's results JSON; a merged one is refused (merge the hosts' own results: the merged one no longer holds
     * each host's rounds).
     */
    static RunResult readHost(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !root.isObject() || !root.has("experiment") || !root.has("phases")) {
            throw new IOException("not a results JSON (no experiment, no phases)");
        }
        if (root.has("merge")) {
            throw new IOException("a merged result already; merge the hosts' own results");
        }
        return ResultsJson.requireTyped(MAPPER.treeToValue(root, RunResult.class), file);
    }
}
