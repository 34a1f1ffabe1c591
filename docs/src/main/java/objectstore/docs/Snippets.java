package objectstore.docs;

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
 * Keeps the code the book shows in step with the source, so a page cannot drift from what runs.
 *
 * <p>In a page, a snippet names a source file and a tag:
 *
 * <pre>
 * &lt;!-- snippet: 01-blocking-s3/src/main/java/objectstore/blocking/BlockingS3PutGet.java#put-loop --&gt;
 * ```java
 * ...
 * ```
 * &lt;!-- end snippet --&gt;
 * </pre>
 *
 * and the source marks the lines with {@code // tag::put-loop[]} and {@code // end::put-loop[]}. {@code --check} (the
 * build's test) lists stale snippets; {@code --update} rewrites them from the source.
 */
public final class Snippets {

    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n)(.*?)(```\\n<!-- end snippet -->)", Pattern.DOTALL);

    private Snippets() {}

    /** {@code --check} or {@code --update}, from the project's root folder. */
    public static void main(String[] args) {
        Path root = objectstore.provisioning.ModuleDir.resolve("..");
        boolean update = args.length > 0 && args[0].equals("--update");
        List<String> problems = update ? update(root) : stale(root);
        problems.forEach(System.err::println);
        if (!update && problems.isEmpty()) {
            System.out.println("every snippet in docs/ matches its source");
        }
        System.exit(problems.isEmpty() || update ? 0 : 1);
    }

    /** The snippets in {@code root}/docs whose code differs from their source, or whose source or tag is missing. */
    public static List<String> stale(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = read(page);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                try {
                    String expected = region(root.resolve(m.group(2)), m.group(3));
                    if (!expected.equals(m.group(4))) {
                        problems.add(root.relativize(page) + ": snippet " + m.group(2) + "#" + m.group(3)
                                + " differs from the source;"
                                + " run ./mvnw -q -pl docs exec:java"
                                + " -Dexec.mainClass=objectstore.docs.Snippets -Dexec.args=--update");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(root.relativize(page) + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /** Rewrites every snippet from its source; returns the problems it could not fix. */
    public static List<String> update(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = read(page);
            Matcher m = BLOCK.matcher(text);
            StringBuilder updated = new StringBuilder();
            while (m.find()) {
                String code = m.group(4);
                try {
                    code = region(root.resolve(m.group(2)), m.group(3));
                } catch (IllegalArgumentException e) {
                    problems.add(root.relativize(page) + ": " + e.getMessage());
                }
                m.appendReplacement(updated, Matcher.quoteReplacement(m.group(1) + code + m.group(5)));
            }
            m.appendTail(updated);
            if (!updated.toString().equals(text)) {
                try {
                    Files.writeString(page, updated.toString(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return problems;
    }

    /** The lines between a tag's markers, without nested markers, with their common indentation removed. */
    static String region(Path source, String tag) {
        if (!Files.isReadable(source)) {
            throw new IllegalArgumentException("snippet source " + source.getFileName() + " does not exist");
        }
        List<String> lines = read(source).lines().toList();
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("// tag::" + tag + "[]")) {
                start = i;
            } else if (line.equals("// end::" + tag + "[]") && start >= 0) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("tag " + tag + " is not in " + source.getFileName());
        }
        List<String> body = lines.subList(start + 1, end).stream()
                .filter(l -> !l.strip().matches("// (tag|end)::\\S+\\[]"))
                .toList();
        int indent = body.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder code = new StringBuilder();
        for (String line : body) {
            code.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return code.toString();
    }

    private static List<Path> pages(Path root) {
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            return files.filter(
                            p -> p.toString().endsWith(".md") && !p.toString().contains("/target/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
