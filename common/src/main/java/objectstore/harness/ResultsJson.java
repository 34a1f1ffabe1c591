package objectstore.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import objectstore.store.UserError;

/** Writes and reads the results JSON (docs/results-json.md describes its fields). */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    /** Writes {@code result} to {@code file}, creating its folder. */
    public static void write(RunResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), result);
    }

    /** Reads a results file back; one with a phase that does not name its kind and loop is refused. */
    public static RunResult read(Path file) throws IOException {
        return requireTyped(MAPPER.readValue(file.toFile(), RunResult.class), file);
    }

    /**
     * {@code run}, read from {@code source}, if every phase names its kind and its loop; else a {@link UserError} that
     * names the first phase that does not.
     */
    public static RunResult requireTyped(RunResult run, Object source) {
        for (PhaseResult phase : run.phases()) {
            if (phase.kind() == null || phase.loop() == null) {
                throw new UserError(
                        source + ": phase '" + phase.op() + "' has no " + (phase.kind() == null ? "kind" : "loop")
                                + "; every phase of a results JSON names its kind and its loop (docs/results-json.md)");
            }
        }
        return run;
    }
}
