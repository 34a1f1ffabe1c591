package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseWindowsTest {

    private static final PhaseWindows ONE_ROUND = new PhaseWindows(List.of(
            PhaseWindows.window("put_object", "2026-11-29T06:00:00.100Z", "2026-11-29T06:00:01.200Z"),
            PhaseWindows.window("get_object", "2026-11-29T06:00:01.300Z", "2026-11-29T06:00:02.000Z")));

    @Test
    void anEventBelongsToThePhaseItsStartFallsIn() {
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:00.100Z"))).containsExactly(0);
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:01.500Z"))).containsExactly(1);
        assertThat(ONE_ROUND.overlap()).isFalse();
    }

    @Test
    void aWindowRunsToTheEndOfEndedAtsMillisecond() {
        // endedAt is written truncated to the millisecond: 01.200 means some time in 01.200-01.201.
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:01.200999Z"))).containsExactly(0);
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:01.201Z"))).isEmpty();
        assertThat(ONE_ROUND.windows().getFirst().millis()).isEqualTo(1101.0);
    }

    @Test
    void betweenAndAroundThePhasesIsOutsideEvery() {
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:00.099Z"))).isEmpty(); // the warm-up
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:01.250Z"))).isEmpty(); // the GC between phases
        assertThat(ONE_ROUND.at(Instant.parse("2026-11-29T06:00:02.001Z"))).isEmpty(); // shutdown
    }

    @Test
    void withSeveralRoundsTheWindowsOverlapAndAnEventCountsInEach() {
        // Rounds 1 and 2 of put then get: each window spans from its first round to its last.
        PhaseWindows twoRounds = new PhaseWindows(List.of(
                PhaseWindows.window("put_object", "2026-11-29T06:00:00.000Z", "2026-11-29T06:00:03.000Z"),
                PhaseWindows.window("get_object", "2026-11-29T06:00:01.000Z", "2026-11-29T06:00:04.000Z")));
        assertThat(twoRounds.overlap()).isTrue();
        assertThat(twoRounds.at(Instant.parse("2026-11-29T06:00:02.000Z"))).containsExactly(0, 1);
    }
}
