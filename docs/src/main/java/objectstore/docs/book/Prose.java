package objectstore.docs.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The book's hand-written prose states no measured figure: a multiplier, a rate, a latency, a share or a ratio word
 * (twice, a third, most of, several times, tenfold) belongs in a generated part, where a record backs it. Settings are
 * not measurements: written as the option that sets them ({@code `--rate 8000`}, in code), as a tolerance ("within
 * 10%") or a period ("every 10 ms"), or on a line marked {@code <!-- not measured -->} (or below one), they stand.
 */
final class Prose {

    /** What reads as a measured figure; the first group is what is reported. */
    private static final List<Pattern> FIGURES = List.of(
            // multipliers and ratio words
            Pattern.compile(
                    "(\\b\\d[\\d,]*(\\.\\d+)?\\s?(×|x\\b|-fold\\b|\\s?times\\b)|\\b(twice|thrice|tenfold|half as"
                            + "|a third of"
                            + "|a quarter of|a fifth of|a sixth of|most of|several times|an order of magnitude"
                            + "|orders of magnitude|factor of|a fraction of|(ten|hundred|thousand)fold)\\b)",
                    Pattern.CASE_INSENSITIVE),
            // shares, unless a tolerance
            Pattern.compile("(?<!within )(\\b\\d[\\d,]*(\\.\\d+)?\\s?%)"),
            // rates
            Pattern.compile(
                    "(\\b\\d[\\d,]*(\\.\\d+)?\\s?k?\\s?(\\w+/s\\b|/s\\b|(\\w+ )?(a|per) second\\b))",
                    Pattern.CASE_INSENSITIVE),
            // latencies, unless a period
            Pattern.compile("(?<!every )(\\b\\d[\\d,]*(\\.\\d+)?\\s?(µs|ms|microseconds?|milliseconds?)\\b)"
                    + "(?! period| ticks)"));

    private Prose() {}

    /** Every line of hand-written prose that states a measured figure, one line each: where, what, and what to do. */
    static List<String> measuredFigures(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path page : Book.pages(root)) {
            String[] lines = read(page).split("\n", -1);
            boolean generated = false;
            boolean code = false;
            String previous = "";
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("```")) {
                    code = !code;
                } else if (line.startsWith("<!-- from:")) {
                    generated = true;
                } else if (line.equals("<!-- end -->")) {
                    generated = false;
                } else if (!generated
                        && !code
                        && !line.startsWith("<!--")
                        && !line.startsWith("|")
                        && !line.contains("not measured")
                        && !previous.contains("not measured")) {
                    String prose = line.replaceAll("`[^`]*`", "")
                            .replaceAll("\\]\\([^)]*\\)", "]")
                            .replaceAll("<!--.*?-->", "");
                    for (Pattern figure : FIGURES) {
                        Matcher m = figure.matcher(prose);
                        if (m.find()) {
                            problems.add(root.relativize(page) + ":" + (i + 1) + ": a measured figure in hand-written"
                                    + " prose: '" + m.group(1).strip()
                                    + "'; generate it from a record with a text"
                                    + " view, or leave it out (a setting goes in code, or below"
                                    + " <!-- not measured -->)");
                            break;
                        }
                    }
                }
                if (!line.isEmpty()) {
                    previous = line;
                }
            }
        }
        return problems;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
