package objectstore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetsTest {

    @Test
    void everyPageShowsTheCodeAsItIs() {
        assertThat(Snippets.stale(Path.of(".."))).isEmpty();
    }

    @Test
    void aChangedSourceMakesItsSnippetStaleUntilUpdated(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), """
                class A {
                    // tag::loop[]
                    void loop() {
                        // tag::inner[]
                        work();
                        // end::inner[]
                    }
                    // end::loop[]
                }
                """);
        String page = """
                # Page
                <!-- snippet: src/A.java#loop -->
                ```java
                void loop() {
                    work();
                }
                ```
                <!-- end snippet -->
                """;
        Files.writeString(root.resolve("docs/page.md"), page);
        assertThat(Snippets.stale(root)).isEmpty();

        Files.writeString(
                root.resolve("src/A.java"),
                Files.readString(root.resolve("src/A.java")).replace("work();", "rest();"));
        assertThat(Snippets.stale(root)).singleElement().asString().contains("differs from the source");
        assertThat(Snippets.update(root)).isEmpty();
        assertThat(Files.readString(root.resolve("docs/page.md")))
                .contains("    rest();")
                .doesNotContain("work()");
        assertThat(Snippets.stale(root)).isEmpty();

        Files.writeString(root.resolve("docs/page.md"), page.replace("#loop", "#gone"));
        assertThat(Snippets.stale(root)).singleElement().asString().contains("tag gone is not in A.java");
    }
}
