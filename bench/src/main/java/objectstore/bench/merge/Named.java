package objectstore.bench.merge;

import java.time.Instant;
import objectstore.harness.PhaseResult;

/** A host's phase, with the host's name. */
record Named(String host, PhaseResult phase) {

    Instant start() {
        return Instant.parse(phase.startedAt());
    }

    Instant end() {
        return Instant.parse(phase.endedAt());
    }
}
