package objectstore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import objectstore.harness.Chapter;
import objectstore.provisioning.StoreKind;
import objectstore.testing.ExperimentRuns.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every chapter promises, tested the same way for each: a small run against the shared store verifies every object
 * and leaves nothing behind, and bad input is one clear line. A chapter's test extends this, names its chapter, and
 * adds what is its own.
 */
public abstract class ChapterContract {

    @TempDir
    protected Path temp;

    /** The chapter under test. */
    protected abstract Chapter chapter();

    /** The environment that points the chapter at the shared store of its kind. */
    protected Map<String, String> store() {
        return ExperimentRuns.envFor(chapter(), temp);
    }

    /** A verified run of {@code iterations} objects with these extra arguments; returns the results JSON. */
    protected JsonNode verifiedRun(int iterations, String... args) throws Exception {
        return ExperimentRuns.assertVerifiedEndToEnd(chapter(), temp, store(), iterations, args);
    }

    /** The names of a run's phases, in order. */
    protected static List<String> phases(JsonNode results) {
        List<String> ops = new ArrayList<>();
        results.path("phases").forEach(p -> ops.add(p.path("op").asText()));
        return ops;
    }

    /** The objects per phase of the contract's small run. */
    protected int smallRunIterations() {
        return 60;
    }

    /** The contract's small run's other arguments: a chapter of large objects asks for small ones here. */
    protected String[] smallRunArgs() {
        return new String[] {"--concurrency", "8", "--rounds", "2", "--warmup", "10"};
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        verifiedRun(smallRunIterations(), smallRunArgs());
    }

    @Test
    void badInputIsOneClearLine() {
        ExperimentRuns.run(chapter(), store(), "--iterations", "0").failedWithOneLine();
        ExperimentRuns.run(chapter(), store(), "--no-such-option", "1").failedWithOneLine();
    }

    @Test
    void aStoreThatDoesNotAnswerIsNamedInOneLine() {
        String nowhere = chapter().store() == StoreKind.S3
                ? TestStores.closedHttpEndpoint().toString()
                : "redis://127.0.0.1:" + TestStores.closedPort();
        Outcome outcome = ExperimentRuns.run(
                        chapter(),
                        store(),
                        chapter().store() == StoreKind.S3 ? "--endpoint" : "--redis",
                        nowhere,
                        "--iterations",
                        "10")
                .failedWithOneLine();
        assertThat(outcome.err()).startsWith(chapter().name() + ": ").contains(nowhere);
    }
}
