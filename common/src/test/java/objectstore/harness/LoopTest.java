package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import objectstore.harness.Phase.Kind;
import objectstore.provisioning.StoreInfo;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A phase's name is built from its kind and its loop, and the headline rule reads the types, never the name. */
class LoopTest {

    static final Phase.Body NOTHING = (objects, rec) -> {};

    @Test
    void aPhasesNameIsItsKindAndItsLoop() {
        assertThat(Phase.put(Loop.OWN, NOTHING).op()).isEqualTo("put_object");
        assertThat(Phase.get(Loop.WINDOW, NOTHING).op()).isEqualTo("get_object (window)");
        assertThat(Phase.putThenGet(Loop.BATCHES, NOTHING).op()).isEqualTo("put_then_get (batches)");
        assertThat(Phase.get(Loop.WINDOW_MANUAL_FLUSH, NOTHING).op()).isEqualTo("get_object (window, manual flush)");
        assertThat(Phase.get(Loop.WAIT_AFTER_EACH_SUBMIT, NOTHING).op())
                .isEqualTo("get_object (wait after each submit)");
        assertThat(Phase.put(Loop.CONNECTIONS, 10, NOTHING).op()).isEqualTo("put_object (10 connections)");
        assertThat(Phase.get(Loop.OPEN_LOOP, 16_000, NOTHING).op()).isEqualTo("get_object (open loop, 16,000/s)");
        assertThat(Loop.MIX.op(Kind.SOAK, 0)).isEqualTo("soak (put/get/list/delete)");
    }

    @Test
    void aCountedLoopNeedsItsNumberAndNoOtherLoopTakesOne() {
        assertThatThrownBy(() -> Phase.put(Loop.CONNECTIONS, NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries its number");
        assertThatThrownBy(() -> Phase.get(Loop.WINDOW, 10, NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries no number");
    }

    @Test
    void theHeadlineIsTheChaptersOwnLoopElseItsWindowElseItsFirst() {
        record P(String name, Kind kind, Loop loop) {}
        List<P> chapter02 = List.of(
                new P("a", Kind.PUT, Loop.CONNECTIONS),
                new P("b", Kind.GET, Loop.WAIT_AFTER_EACH_SUBMIT),
                new P("c", Kind.PUT, Loop.OWN),
                new P("d", Kind.GET, Loop.OWN));
        List<P> chapter07 = List.of(
                new P("e", Kind.PUT, Loop.BATCHES),
                new P("f", Kind.PUT, Loop.WINDOW_MANUAL_FLUSH),
                new P("g", Kind.PUT, Loop.WINDOW),
                new P("h", Kind.GET, Loop.BATCHES));

        assertThat(Loop.headline(chapter02, Kind.PUT, P::kind, P::loop))
                .map(P::name)
                .hasValue("c");
        assertThat(Loop.headline(chapter02, Kind.GET, P::kind, P::loop))
                .map(P::name)
                .hasValue("d");
        assertThat(Loop.headline(chapter07, Kind.PUT, P::kind, P::loop))
                .map(P::name)
                .hasValue("g");
        assertThat(Loop.headline(chapter07, Kind.GET, P::kind, P::loop))
                .map(P::name)
                .hasValue("h");
        assertThat(Loop.headline(chapter07, Kind.PUT_THEN_GET, P::kind, P::loop))
                .isEmpty();
    }

    @Test
    void theResultsJsonNamesEachPhasesKindAndLoop(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("run.json");
        ResultsJson.write(runWith("put_object (window)", Kind.PUT, Loop.WINDOW), file);

        assertThat(Files.readString(file)).contains("\"kind\" : \"put\"").contains("\"loop\" : \"window\"");
        PhaseResult read = ResultsJson.read(file).phases().getFirst();
        assertThat(read.kind()).isEqualTo(Kind.PUT);
        assertThat(read.loop()).isEqualTo(Loop.WINDOW);
    }

    @Test
    void aResultsJsonWithoutAPhasesLoopIsRefusedInOneLine(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("run.json");
        ResultsJson.write(runWith("get_object (batches)", Kind.GET, Loop.BATCHES), file);
        Files.writeString(file, Files.readString(file).replace("\"loop\" : \"batches\",", ""));

        assertThatThrownBy(() -> ResultsJson.read(file))
                .isInstanceOf(UserError.class)
                .hasMessage(file + ": phase 'get_object (batches)' has no loop; every phase of a results JSON names"
                        + " its kind and its loop (docs/results-json.md)");
    }

    /** A run of one phase, every figure zero but its name, kind and loop. */
    static RunResult runWith(String op, Kind kind, Loop loop) {
        PhaseResult.Latency none = new PhaseResult.Latency(0, 0, 0, 0, 0);
        PhaseResult phase = new PhaseResult(
                op,
                kind,
                loop,
                1,
                1,
                0,
                1,
                1,
                1,
                1,
                0,
                true,
                0,
                1,
                none,
                null,
                null,
                0,
                0,
                new PhaseResult.Cores(0, null, null),
                "round trips",
                List.of(1.0),
                List.of(),
                0,
                "2001-02-03T04:05:06Z",
                "2001-02-03T04:05:07Z",
                "",
                null,
                null);
        return new RunResult(
                "00-test",
                "2001-02-03T04:05:06Z",
                new StoreInfo("test", "a map", null, "memory"),
                "test",
                new RunResult.Settings(1, 1, 1, 1, 0, java.util.Map.of()),
                Harness.machine(null),
                null,
                List.of(phase),
                RunResult.Overall.of(List.of(phase)),
                true);
    }
}
