package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import objectstore.provisioning.StoreInfo;
import org.junit.jupiter.api.Test;

/** The harness's own rules, on an in-process map: a lost, corrupt or failed object can never pass. */
class HarnessTest {

    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    RunResult measure(List<Phase> phases) throws Exception {
        return measure(phases, "--warmup", "0");
    }

    RunResult measure(List<Phase> phases, String... args) throws Exception {
        Options options = Options.parse("00-test", new Options.Defaults(50, 64, 1, 2), List.of(), args);
        return new Harness(options, new StoreInfo("test", "a map", null, "memory"), "test", new PrintStream(printed))
                .measure(phases, stored::clear);
    }

    Phase honestPut() {
        return Phase.put(
                Loop.OWN,
                (objects, rec) -> objects.forEach(
                        o -> rec.put(o, () -> stored.put(o.key(), o.data().clone()))));
    }

    @Test
    void anHonestRunPassesWithEveryFigure() throws Exception {
        RunResult result = measure(List.of(
                honestPut(),
                Phase.get(Loop.OWN, (objects, rec) -> objects.forEach(o -> rec.get(o, () -> stored.get(o.key())))),
                Phase.putThenGet(Loop.OWN, (objects, rec) -> {
                    List<CompletableFuture<Void>> all = new ArrayList<>();
                    for (TestObject o : objects) {
                        all.add(rec.putThenGetAsync(
                                o,
                                () -> CompletableFuture.runAsync(
                                        () -> stored.put(o.key(), o.data().clone())),
                                () -> CompletableFuture.supplyAsync(() -> stored.get(o.key()))));
                    }
                    Recorder.awaitAll(all);
                })));
        assertThat(result.passed()).isTrue();
        assertThat(result.phases()).hasSize(3).allSatisfy(p -> {
            assertThat(p.items()).isEqualTo(50);
            assertThat(p.verified()).isEqualTo(50);
            assertThat(p.errors()).isZero();
            assertThat(p.rounds()).isEqualTo(2);
            assertThat(p.itemsPerSecond()).isBetween(p.itemsPerSecondMin(), p.itemsPerSecondMax());
            assertThat(p.roundItemsPerSecond()).hasSize(2);
        });
        assertThat(result.overall().putThenGetItemsPerSecond()).isPositive();
    }

    @Test
    void aCorruptObjectFails() throws Exception {
        RunResult result = measure(List.of(
                honestPut(),
                Phase.get(
                        Loop.OWN,
                        (objects, rec) -> objects.forEach(o -> rec.get(o, () -> {
                            byte[] read = stored.get(o.key()).clone();
                            if (o == objects.get(7)) {
                                read[3] ^= 1;
                            }
                            return read;
                        })))));
        PhaseResult get = result.phases().get(1);
        assertThat(result.passed()).isFalse();
        assertThat(get.errors()).isEqualTo(2); // one per round
        assertThat(get.verified()).isEqualTo(49);
        assertThat(get.failures()).first().asString().contains("differ");
    }

    @Test
    void anotherObjectsBytesFail() throws Exception {
        RunResult result = measure(List.of(
                honestPut(),
                Phase.get(
                        Loop.OWN,
                        (objects, rec) -> objects.forEach(
                                o -> rec.get(o, () -> stored.get(objects.get(0).key()))))));
        assertThat(result.phases().get(1).verified()).isEqualTo(1);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aLostObjectFails() throws Exception {
        RunResult result = measure(List.of(Phase.put(
                Loop.OWN,
                (objects, rec) ->
                        objects.stream().skip(1).forEach(o -> rec.put(o, () -> stored.put(o.key(), o.data()))))));
        PhaseResult put = result.phases().getFirst();
        assertThat(put.errors()).isEqualTo(2);
        assertThat(put.verified()).isEqualTo(49);
        assertThat(put.failures()).anySatisfy(f -> assertThat(f).contains("never completed"));
    }

    @Test
    void failuresAreCountedAndShownNotSwallowed() throws Exception {
        RunResult result = measure(List.of(Phase.put(Loop.OWN, (objects, rec) -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (TestObject o : objects) {
                all.add(rec.putAsync(
                        o,
                        () -> o == objects.get(0)
                                ? CompletableFuture.failedFuture(new IllegalStateException("the store said no"))
                                : CompletableFuture.completedFuture(null)));
            }
            Recorder.awaitAll(all);
        })));
        PhaseResult put = result.phases().getFirst();
        assertThat(put.errors()).isEqualTo(2);
        assertThat(put.failures()).first().asString().contains("IllegalStateException: the store said no");
    }

    @Test
    void aWarmUpTooShortToJudgeEndsAfterTwoPassesMarkedNotSteady() throws Exception {
        RunResult result = measure(List.of(honestPut()), "--warmup", "10");

        assertThat(result.warmup().passes()).isEqualTo(5); // 10 objects, 20, 40, then the 50 of --iterations, twice
        assertThat(result.warmup().objectsPerPhase()).isEqualTo(50);
        assertThat(result.warmup().steady()).isFalse();
        assertThat(result.warmup().seconds()).isPositive();
        assertThat(printed.toString()).contains("NOT STEADY").contains("passes too short to compare");
    }

    @Test
    void aWarmUpWhoseRatesKeepChangingStopsAtTheCap() throws Exception {
        int[] pass = {0};
        Phase changing = Phase.put(Loop.OWN, (objects, rec) -> {
            long pause =
                    ++pass[0] % 2 == 0 ? 60 : 30; // every other pass twice as slow: never two alike, each over a second
            for (TestObject o : objects) {
                rec.put(o, () -> Thread.sleep(pause));
            }
        });

        RunResult result = measure(
                List.of(changing), "--iterations", "35", "--warmup", "35", "--warmup-seconds", "3", "--rounds", "1");

        assertThat(result.warmup().steady()).isFalse();
        assertThat(result.warmup().passes()).isGreaterThanOrEqualTo(2);
        assertThat(printed.toString()).contains("NOT STEADY").contains("(the cap)");
    }

    @Test
    void aWarmUpWhosePassesAgreeIsSteady() throws Exception {
        Phase even = Phase.put(Loop.OWN, (objects, rec) -> {
            for (TestObject o : objects) {
                rec.put(o, () -> Thread.sleep(25));
            }
        });

        RunResult result = measure(
                List.of(even), "--iterations", "50", "--warmup", "50", "--warmup-seconds", "30", "--rounds", "1");

        assertThat(result.warmup().steady()).as(printed.toString()).isTrue();
        assertThat(result.warmup().passes()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void roundsThatSpreadWidelyAreMarkedUnsteady() throws Exception {
        int[] round = {0};
        Phase uneven = Phase.put(Loop.OWN, (objects, rec) -> {
            long pause = ++round[0] == 1 ? 1 : 4;
            for (TestObject o : objects) {
                rec.put(o, () -> Thread.sleep(pause));
            }
        });

        PhaseResult put = measure(List.of(uneven), "--warmup", "0", "--rounds", "3")
                .phases()
                .getFirst();

        assertThat(put.spreadPercent()).isGreaterThan(Harness.STEADY_SPREAD_PERCENT);
        assertThat(put.steady()).isFalse();
        assertThat(printed.toString()).doesNotContain("UNSTEADY"); // the per-round lines; the summary prints it
    }

    @Test
    void alternateOrderRunsEveryOtherRoundsGroupsBackwards() throws Exception {
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        Phase a = Phase.put(Loop.BATCHES, (objects, rec) -> {
            ran.add("a");
            objects.forEach(o -> rec.put(o, () -> stored.put(o.key(), o.data())));
        });
        Phase aGet = Phase.get(Loop.BATCHES, (objects, rec) -> {
            ran.add("a-get");
            objects.forEach(o -> rec.get(o, () -> stored.get(o.key())));
        });
        Phase b = Phase.put(Loop.WINDOW, (objects, rec) -> {
            ran.add("b");
            objects.forEach(o -> rec.put(o, () -> stored.put(o.key(), o.data())));
        });

        RunResult result = measure(List.of(a, aGet, b), "--warmup", "0", "--rounds", "2", "--order", "alternate");

        assertThat(ran).containsExactly("a", "a-get", "b", "b", "a", "a-get");
        assertThat(result.passed()).isTrue();
        assertThat(result.settings().options()).containsEntry("order", "alternate");
    }

    @Test
    void everyPhaseRecordsAllocationCoresLimitAndAMergeableHistogram() throws Exception {
        PhaseResult put = measure(List.of(honestPut())).phases().getFirst();

        assertThat(put.allocatedBytesPerOp()).isGreaterThan(64); // at least the 64-byte copy each put makes
        assertThat(put.cores().client()).isNotNegative();
        assertThat(put.limitedBy()).isNotBlank();
        assertThat(java.time.Instant.parse(put.endedAt())).isAfterOrEqualTo(java.time.Instant.parse(put.startedAt()));
        org.HdrHistogram.Histogram decoded = org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(put.latencyHistogram())), 0);
        assertThat(decoded.getTotalCount()).isEqualTo(100); // 50 objects, 2 rounds
        assertThat(put.serviceLatencyMs()).isNull(); // a closed loop: latency is service time
    }

    @Test
    void aStoreThatStopsAnsweringEndsThePhaseAtOnceAndNamesTheEndpoint() {
        Phase refused = Phase.put(
                Loop.OWN,
                (objects, rec) -> objects.forEach(o -> rec.put(o, () -> {
                    throw new IllegalStateException(
                            "the client's wrapper", new java.net.ConnectException("Connection refused"));
                })));

        Throwable lost = org.assertj.core.api.Assertions.catchThrowable(
                () -> measure(List.of(refused), "--warmup", "0", "--iterations", "10000"));

        assertThat(lost)
                .isInstanceOf(Harness.StoreLost.class)
                .hasMessageContaining("the store at memory stopped answering")
                .hasMessageContaining("0 of 10000 operations verified");
        assertThat(printed.toString()).doesNotContain("items/s");
    }

    @Test
    void onlyConnectionFailuresCountAsAStoreThatDidNotAnswer() {
        assertThat(Recorder.unanswered(new RuntimeException(new java.net.ConnectException("refused"))))
                .isTrue();
        assertThat(Recorder.unanswered(
                        new java.util.concurrent.CompletionException(new java.net.SocketTimeoutException("read"))))
                .isTrue();
        assertThat(Recorder.unanswered(new objectstore.store.StoreUnavailableException("gone", null)))
                .isTrue();
        assertThat(Recorder.unanswered(new IllegalStateException("SET replied QUEUED, not OK")))
                .isFalse();
        assertThat(Recorder.unanswered(new objectstore.store.ObjectStoreException("NoSuchKey", 404, "no", null)))
                .isFalse();
    }

    @Test
    void everyObjectHasItsOwnContents() {
        List<TestObject> objects = TestObjects.make(100, 32, 1);
        assertThat(objects.stream()
                        .map(o -> java.util.HexFormat.of().formatHex(o.data()))
                        .distinct())
                .hasSize(100);
        assertThat(objects.stream().map(TestObject::key).distinct()).hasSize(100);
        assertThat(TestObjects.make(1, 0, 1).getFirst().data()).isEmpty();
    }
}
