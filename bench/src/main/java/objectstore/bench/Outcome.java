package objectstore.bench;

import java.io.IOException;
import java.nio.file.Path;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;

/**
 * What became of one experiment in a suite: it passed (every phase verified every object), it failed (with its results
 * JSON when it got that far), or it was not run (and why).
 *
 * @param experiment the experiment's name, e.g. {@code 01-blocking-s3}
 * @param status passed, failed or not run
 * @param result its results JSON, or null when it wrote none
 * @param reason why it failed or was not run; null when it passed
 */
public record Outcome(String experiment, Status status, RunResult result, String reason) {

    /** How an experiment ended. */
    public enum Status {
        PASSED,
        FAILED,
        NOT_RUN
    }

    /** An outcome from a results JSON alone: passed when the run says every phase passed. */
    public static Outcome of(RunResult result) {
        return result.passed()
                ? new Outcome(result.experiment(), Status.PASSED, result, null)
                : new Outcome(
                        result.experiment(), Status.FAILED, result, "some operations failed or were not verified");
    }

    /** Reads a results JSON file into an outcome. */
    public static Outcome read(Path json) throws IOException {
        return of(ResultsJson.read(json));
    }

    public static Outcome failed(String experiment, RunResult result, String reason) {
        return new Outcome(experiment, Status.FAILED, result, reason);
    }

    public static Outcome notRun(String experiment, String reason) {
        return new Outcome(experiment, Status.NOT_RUN, null, reason);
    }
}
