package objectstore.docs.book;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The book's measured parts, written from committed records, so that no figure in it was typed.
 *
 * <p>In a page, a generated part names its records and the view that renders them:
 *
 * <pre>
 * &lt;!-- from: records/05-lite-http-s3/run.json --&gt;
 * &lt;!-- view: phases --&gt;
 * ...what the view renders...
 * &lt;!-- end --&gt;
 * </pre>
 *
 * Paths are relative to the page. {@code --book} rewrites every part from its records; the build's test fails when a
 * page differs from what its records give ({@link #stale}), the way the snippet test guards the code. The views are in
 * {@link Views}; a record is any JSON file (a run's results, a ceiling, a benchmark, a profile summary, the original's
 * figures).
 */
public final class Book {

    private static final Pattern PART = Pattern.compile(
            "(<!-- from: ([^>]+?) -->\\n<!-- view: (\\w+)(?: ([^\\n]*?))? -->\\n)(.*?)(<!-- end -->)", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Book() {}

    /** Rewrites every generated part of the pages under {@code root}/docs; returns the pages it changed. */
    public static List<Path> write(Path root) {
        List<Path> changed = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = read(page);
            String rendered = render(page, text);
            if (!rendered.equals(text)) {
                try {
                    Files.writeString(page, rendered, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                changed.add(page);
            }
        }
        return changed;
    }

    /** The pages whose generated parts differ from what their records give, one line each: what to do. */
    public static List<String> stale(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = read(page);
            try {
                if (!render(page, text).equals(text)) {
                    problems.add(root.relativize(page) + ": a generated part differs from its records;"
                            + " run ./mvnw -q -pl docs exec:java -Dexec.args=--book");
                }
            } catch (RuntimeException e) {
                problems.add(root.relativize(page) + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private static final Pattern FIGURE_CELL = Pattern.compile(
            "^\\s*[~≈<>]?\\s*[0-9][0-9,]*(\\.[0-9]+)?\\s*(×|x|%|µs|ms|s|/s|MiB/s|k)?\\s*(\\([^)]*\\))?\\s*$");

    /**
     * Table rows that carry a measured-looking figure outside any generated part: a figure the records do not back. A
     * table of settings may stand outside when the line above it is {@code <!-- not measured -->}.
     */
    public static List<String> unsourcedRows(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path page : pages(root)) {
            boolean inside = false;
            String previous = "";
            String[] lines = read(page).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("<!-- from:")) {
                    inside = true;
                } else if (line.equals("<!-- end -->")) {
                    inside = false;
                } else if (!inside
                        && line.startsWith("|")
                        && !line.matches("^\\|[\\s:|-]+\\|?$")
                        && !previous.contains("not measured")) {
                    for (String cell : line.replaceAll("^\\||\\|$", "").split("\\|")) {
                        if (FIGURE_CELL.matcher(cell).matches()) {
                            problems.add(root.relativize(page) + ":" + (i + 1) + ": a figure outside a generated part: "
                                    + line);
                            break;
                        }
                    }
                }
                if (!line.isEmpty() && !line.startsWith("|")) {
                    previous = line;
                }
            }
        }
        return problems;
    }

    /**
     * The records a page quotes that no line of {@code scripts/book-runs} makes, given what its {@code --list} prints
     * ({@code RECORD: command}, a path under docs/records, or a folder ending in {@code /}; {@code results/} is the
     * suite's docs/results). The original's figures are typed from its document, and made by no run.
     */
    static List<String> unmade(Path root, List<String> listed) {
        List<String> made = new ArrayList<>();
        for (String line : listed) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                String path = line.substring(0, colon).strip();
                made.add(path.equals("results/") ? "results/" : "records/" + path);
            }
        }
        List<String> problems = new ArrayList<>();
        Path docs = root.resolve("docs");
        for (Path page : pages(root)) {
            Matcher part = PART.matcher(read(page));
            while (part.find()) {
                for (String name : part.group(2).split(",")) {
                    String record = docs.relativize(
                                    page.getParent().resolve(name.strip()).normalize())
                            .toString();
                    if (!record.startsWith("records/original/")
                            && made.stream()
                                    .noneMatch(m -> m.endsWith("/") ? record.startsWith(m) : record.equals(m))) {
                        problems.add(root.relativize(page) + ": " + record
                                + " is made by no line of scripts/book-runs; add the command that measures it");
                    }
                }
            }
        }
        return problems;
    }

    /** The page with every generated part rendered anew from its records. */
    static String render(Path page, String text) {
        Matcher part = PART.matcher(text);
        StringBuilder out = new StringBuilder();
        while (part.find()) {
            List<JsonNode> records = new ArrayList<>();
            for (String name : part.group(2).split(",")) {
                records.add(record(page.getParent().resolve(name.strip()), page));
            }
            String view = part.group(3);
            String args = part.group(4) == null ? "" : part.group(4);
            String body;
            try {
                body = Views.render(view, args, records);
            } catch (RuntimeException e) {
                throw new IllegalStateException("view " + view + " (from " + part.group(2) + "): " + e.getMessage(), e);
            }
            part.appendReplacement(
                    out,
                    Matcher.quoteReplacement(part.group(1) + body + (body.endsWith("\n") ? "" : "\n") + part.group(6)));
        }
        part.appendTail(out);
        return out.toString();
    }

    private static JsonNode record(Path file, Path page) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("record " + file + " (named in " + page + ") does not exist");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("record " + file + " is not JSON: " + e.getMessage());
        }
    }

    /** docs/*.md and docs/README.md: the book's pages. */
    static List<Path> pages(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
