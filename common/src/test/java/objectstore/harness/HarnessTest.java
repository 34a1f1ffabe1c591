package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import objectstore.harness.Options;
import objectstore.provisioning.StoreInfo;

/** The harness's own rules, on an in-process map: a lost, corrupt or failed object can never pass. */
class HarnessTest {

    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    RunResult measure(List<Phase> phases) throws Exception {
        Options options = Options.parse("00-test", new Options.Defaults(50, 64, 1, 2), List.of(), new String[] {"--warmup", "0"});
        return new Harness(options, new StoreInfo("test", "a map", null, "memory"), "test", new PrintStream(printed)).measure(phases, stored::clear);
    }

    Phase honestPut() {
        return Phase.put("put_object", (objects, rec) -> objects.forEach(o -> rec.put(o, () -> stored.put(o.key(), o.data().clone()))));
    }

    @Test
    void anHonestRunPassesWithEveryFigure() throws Exception {
        RunResult result = measure(List.of(honestPut(),
                Phase.get("get_object", (objects, rec) -> objects.forEach(o -> rec.get(o, () -> stored.get(o.key())))),
                Phase.putThenGet("put_then_get", (objects, rec) -> {
                    List<CompletableFuture<Void>> all = new ArrayList<>();
                    for (TestObject o : objects) {
                        all.add(rec.putThenGetAsync(o, () -> CompletableFuture.runAsync(() -> stored.put(o.key(), o.data().clone())),
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
        RunResult result = measure(List.of(honestPut(), Phase.get("get_object", (objects, rec) -> objects.forEach(o -> rec.get(o, () -> {
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
        RunResult result = measure(List.of(honestPut(), Phase.get("get_object",
                (objects, rec) -> objects.forEach(o -> rec.get(o, () -> stored.get(objects.get(0).key()))))));
        assertThat(result.phases().get(1).verified()).isEqualTo(1);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aLostObjectFails() throws Exception {
        RunResult result = measure(List.of(Phase.put("put_object", (objects, rec) -> objects.stream().skip(1)
                .forEach(o -> rec.put(o, () -> stored.put(o.key(), o.data()))))));
        PhaseResult put = result.phases().getFirst();
        assertThat(put.errors()).isEqualTo(2);
        assertThat(put.verified()).isEqualTo(49);
        assertThat(put.failures()).anySatisfy(f -> assertThat(f).contains("never completed"));
    }

    @Test
    void failuresAreCountedAndShownNotSwallowed() throws Exception {
        RunResult result = measure(List.of(Phase.put("put_object", (objects, rec) -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (TestObject o : objects) {
                all.add(rec.putAsync(o, () -> o == objects.get(0)
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
    void everyObjectHasItsOwnContents() {
        List<TestObject> objects = TestObjects.make(100, 32, 1);
        assertThat(objects.stream().map(o -> java.util.HexFormat.of().formatHex(o.data())).distinct()).hasSize(100);
        assertThat(objects.stream().map(TestObject::key).distinct()).hasSize(100);
        assertThat(TestObjects.make(1, 0, 1).getFirst().data()).isEmpty();
    }
}
