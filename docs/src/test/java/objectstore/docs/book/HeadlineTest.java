package objectstore.docs.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import objectstore.harness.Phase;
import org.junit.jupiter.api.Test;

/** The book picks a run's headline phases by their recorded kind and loop, as the harness does, never by name. */
class HeadlineTest {

    static JsonNode run(String phases) throws Exception {
        return new ObjectMapper().readTree("{\"experiment\": \"07-async-redis\", \"phases\": [" + phases + "]}");
    }

    @Test
    void theWindowSpeaksForAChapterWithoutAnOwnLoop() throws Exception {
        JsonNode run = run("""
                {"op": "put_object (batches)", "kind": "put", "loop": "batches"},
                {"op": "put_object (window, manual flush)", "kind": "put", "loop": "window_manual_flush"},
                {"op": "put_object (window)", "kind": "put", "loop": "window"},
                {"op": "get_object (batches)", "kind": "get", "loop": "batches"}""");

        assertThat(Views.headline(run, Phase.Kind.PUT).path("op").asText()).isEqualTo("put_object (window)");
        assertThat(Views.headline(run, Phase.Kind.GET).path("op").asText()).isEqualTo("get_object (batches)");
        assertThat(Views.headline(run, Phase.Kind.PUT_THEN_GET)).isNull();
    }

    @Test
    void aPhaseThatDoesNotNameItsLoopIsRefused() throws Exception {
        JsonNode run = run("{\"op\": \"put_object (window)\", \"kind\": \"put\"}");

        assertThatThrownBy(() -> Views.headline(run, Phase.Kind.PUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("07-async-redis: phase 'put_object (window)' has no loop; every phase of a results JSON"
                        + " names its kind and its loop (docs/results-json.md)");
    }
}
