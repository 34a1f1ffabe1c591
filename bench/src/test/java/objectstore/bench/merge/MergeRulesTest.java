package objectstore.bench.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.provisioning.StoreInfo;
import objectstore.store.UserError;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The merge's rules on made-up hosts whose every latency is known: counts that add up, percentiles equal to those of
 * one histogram of all the values, rates summed round by round, and a warning for each way the windows can make a
 * summed rate doubtful.
 */
class MergeRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void percentilesAreThoseOfEveryValueOfEveryHostNotAnAverage() {
        // Two hosts whose latencies overlap but differ: one mostly fast, one with a slow tail.
        Random random = new Random(42);
        Histogram fast = new Histogram(3);
        Histogram slow = new Histogram(3);
        Histogram all = new Histogram(3);
        for (int i = 0; i < 20_000; i++) {
            long a = 200 + (long) Math.abs(random.nextGaussian() * 300);
            long b = 400 + (long) Math.abs(random.nextGaussian() * 3_000);
            fast.recordValue(a);
            slow.recordValue(b);
            all.recordValue(a);
            all.recordValue(b);
        }
        RunMerger.Merged merged = RunMerger.merge(
                List.of(
                        host(
                                "a",
                                phase(Phase.Kind.PUT, 1000, 0, 1000, List.of(900.0, 1000.0, 1100.0), fast, 0, 10_000)),
                        host(
                                "b",
                                phase(
                                        Phase.Kind.PUT,
                                        1000,
                                        2,
                                        998,
                                        List.of(500.0, 400.0, 600.0),
                                        slow,
                                        1_000,
                                        11_000))),
                100);

        PhaseResult p = merged.run().phases().getFirst();
        assertThat(p.latencyMs()).isEqualTo(PhaseResult.Latency.of(all));
        assertThat(Histograms.decode(p.latencyHistogram()).getTotalCount()).isEqualTo(all.getTotalCount());
        // A mixture's p99 lies between the parts' p99s; the mean of the two would be a different number.
        assertThat(p.latencyMs().p99())
                .isBetween(
                        PhaseResult.Latency.of(fast).p99(),
                        PhaseResult.Latency.of(slow).p99());
        assertThat(p.latencyMs().p99())
                .isNotEqualTo((PhaseResult.Latency.of(fast).p99()
                                + PhaseResult.Latency.of(slow).p99())
                        / 2);

        assertThat(p.items()).isEqualTo(2000);
        assertThat(p.errors()).isEqualTo(2);
        assertThat(p.verified()).isEqualTo(1998);
        assertThat(p.passed()).isFalse();
        assertThat(merged.run().passed()).isFalse();
        // Round by round: 1400, 1400, 1700; the median round's is 1400.
        assertThat(p.roundItemsPerSecond()).containsExactly(1400.0, 1400.0, 1700.0);
        assertThat(p.itemsPerSecond()).isEqualTo(1400.0);
        assertThat(p.itemsPerSecondMin()).isEqualTo(1400.0);
        assertThat(p.itemsPerSecondMax()).isEqualTo(1700.0);
        assertThat(p.startedAt()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(p.endedAt()).isEqualTo("2026-12-01T10:00:11Z");

        MergeRecord.PhaseWindows w = merged.merge().phases().getFirst();
        assertThat(w.shared()).isEqualTo(new MergeRecord.Window("2026-12-01T10:00:01Z", "2026-12-01T10:00:10Z", 9.0));
        assertThat(w.span().seconds()).isEqualTo(11.0);
        assertThat(w.overlapPercent()).isEqualTo(90.0);
        assertThat(merged.merge().warnings()).isEmpty();
        assertThat(merged.merge().hosts()).isEqualTo(2);
    }

    @Test
    void windowsThatDoNotOverlapAreAWarning() {
        RunMerger.Merged merged = RunMerger.merge(
                List.of(
                        host("a", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(1, 2, 3), 0, 2_000)),
                        host("b", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(4, 5, 6), 3_500, 5_000))),
                100);
        assertThat(merged.merge().warnings())
                .containsExactly("get_object: the hosts' windows do not overlap: b started 1.500 s after a ended; "
                        + "they did not run at the same time, and the summed rate is not one the store served");
        assertThat(merged.merge().phases().getFirst().overlapPercent()).isZero();
        assertThat(merged.merge().phases().getFirst().shared().seconds()).isZero();
    }

    @Test
    void anOverlapWithinTheClocksDisagreementIsAWarning() {
        RunMerger.Merged merged = RunMerger.merge(
                List.of(
                        host("a", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(1), 0, 100)),
                        host("b", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(1), 40, 140))),
                100);
        assertThat(merged.merge().warnings())
                .containsExactly("get_object: all hosts ran together for only 60 ms by their clocks, no more than "
                        + "the 100 ms the clocks may disagree by (--clock-skew-ms): the overlap may not be real");
    }

    @Test
    void anOverlapOfLessThanHalfAPhaseIsAWarning() {
        RunMerger.Merged merged = RunMerger.merge(
                List.of(
                        host("a", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(1), 0, 10_000)),
                        host("b", phase(Phase.Kind.GET, 100, 0, 100, List.of(1000.0), values(1), 7_000, 12_000))),
                100);
        assertThat(merged.merge().warnings())
                .containsExactly("get_object: all hosts ran together for only 30% of a's phase (3.000 of 10.000 s): "
                        + "the summed rate overstates what the store served to all of them at once");
    }

    @Test
    void runsOfOtherExperimentsSettingsOrPhasesAreRefused() {
        RunMerger.Host a = host("a", phase(Phase.Kind.PUT, 100, 0, 100, List.of(1.0), values(1), 0, 10));
        RunResult other = a.run();
        RunMerger.Host experiment = new RunMerger.Host(
                "b",
                "b.json",
                new RunResult(
                        "04-sdk-async-s3",
                        other.date(),
                        other.store(),
                        other.client(),
                        other.settings(),
                        other.machine(),
                        null,
                        other.phases(),
                        other.overall(),
                        true));
        assertThatThrownBy(() -> RunMerger.merge(List.of(a, experiment), 100))
                .isInstanceOf(UserError.class)
                .hasMessage("b.json is 04-sdk-async-s3 but a.json is 05-lite-http-s3: merge runs of one experiment");

        RunMerger.Host settings = new RunMerger.Host(
                "b",
                "b.json",
                new RunResult(
                        other.experiment(),
                        other.date(),
                        other.store(),
                        other.client(),
                        new RunResult.Settings(100, 5000, 200, 1, 0, Map.of()),
                        other.machine(),
                        null,
                        other.phases(),
                        other.overall(),
                        true));
        assertThatThrownBy(() -> RunMerger.merge(List.of(a, settings), 100))
                .isInstanceOf(UserError.class)
                .hasMessage("b.json ran other settings than a.json (concurrency 200 vs 100):"
                        + " merge runs of the same settings");

        RunMerger.Host phases = host("b", phase(Phase.Kind.GET, 100, 0, 100, List.of(1.0), values(1), 0, 10));
        assertThatThrownBy(() -> RunMerger.merge(List.of(a, phases), 100))
                .isInstanceOf(UserError.class)
                .hasMessage("b.json has the phases [get_object] but a.json has [put_object]:"
                        + " merge runs of the same phases");

        assertThatThrownBy(() -> RunMerger.merge(List.of(a), 100))
                .isInstanceOf(UserError.class)
                .hasMessage("--merge needs the results of at least two hosts, got 1");
    }

    /* ------------------------------------------------------------ made-up hosts */

    static Histogram values(long... micros) {
        Histogram h = new Histogram(3);
        for (long v : micros) {
            h.recordValue(v);
        }
        return h;
    }

    static PhaseResult phase(
            Phase.Kind kind,
            int items,
            long errors,
            long verified,
            List<Double> rounds,
            Histogram latency,
            long startMs,
            long endMs) {
        double median = rounds.stream().sorted().toList().get((rounds.size() - 1) / 2);
        return new PhaseResult(
                kind.op(),
                kind,
                Loop.OWN,
                items,
                rounds.size(),
                errors,
                verified,
                median,
                0,
                0,
                0,
                true,
                0,
                items / median,
                PhaseResult.Latency.of(latency),
                null,
                null,
                100,
                1000,
                new PhaseResult.Cores(0.5, null, null),
                "not the client",
                rounds,
                errors > 0 ? List.of("get k: boom") : List.of(),
                0,
                T0.plusMillis(startMs).toString(),
                T0.plusMillis(endMs).toString(),
                Histograms.encode(latency),
                null,
                null);
    }

    static RunMerger.Host host(String name, PhaseResult... phases) {
        int rounds = phases[0].roundItemsPerSecond().size();
        RunResult run = new RunResult(
                "05-lite-http-s3",
                "2026-12-01T10:01:00Z",
                new StoreInfo("external", "S3Proxy", null, "http://store:9000"),
                "lite client",
                new RunResult.Settings(phases[0].items(), 5000, 100, rounds, 0, Map.of()),
                new RunResult.Machine(2, "OpenJDK 25", "Linux", 1024, null, null),
                null,
                List.of(phases),
                new RunResult.Overall(0),
                List.of(phases).stream().allMatch(PhaseResult::passed));
        return new RunMerger.Host(name, name + ".json", run);
    }
}
