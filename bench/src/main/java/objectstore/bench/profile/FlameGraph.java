package objectstore.bench.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flame graph of one phase's CPU samples, as a self-contained SVG: each box a frame, as wide as the samples whose
 * stacks pass through it, its callers below it; the bottom row is the threads (their numbers made N, so a pool is one
 * box). Boxes are coloured by the category their own frame falls in ({@link CpuCategories#ofFrame}), so a reader sees
 * at a glance where signing, the HTTP codec or the kernel sit; hovering a box shows its full name and samples.
 *
 * <p>Input is collapsed stacks, "thread;bottom frame;...;top frame" with a count each (the format of Brendan Gregg's
 * flamegraph.pl, which async-profiler also writes). Children are drawn in name order, so the same samples give the same
 * picture. Frames narrower than {@link #MIN_SHARE} of the samples are left out, with their callers' width intact.
 */
final class FlameGraph {

    static final int WIDTH = 1200;
    static final int ROW = 16;
    static final double MIN_SHARE = 0.001;
    private static final int PAD = 10;
    private static final int HEADER = 48;
    private static final double CHAR_WIDTH = 6.6;

    /** Each category's colour; frames in no category are grey. */
    static final Map<String, String> COLOURS = colours();

    private FlameGraph() {}

    /** The SVG of {@code stacks} (collapsed, with counts) under {@code title}. */
    static String svg(String title, Map<String, Long> stacks) {
        Node root = new Node("all");
        for (Map.Entry<String, Long> stack : stacks.entrySet()) {
            Node node = root;
            root.samples += stack.getValue();
            for (String frame : stack.getKey().split(";")) {
                node = node.children.computeIfAbsent(frame, Node::new);
                node.samples += stack.getValue();
            }
        }
        int depth = root.depth(root.samples * MIN_SHARE);
        int height = HEADER + (depth + 1) * ROW + PAD;
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"monospace\" font-size=\"11\">\n",
                WIDTH,
                height,
                WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fdfdf8\"/>\n", WIDTH, height));
        svg.append(
                String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>\n", PAD, escape(title)));
        legend(svg, root);
        if (root.samples > 0) {
            double scale = (WIDTH - 2.0 * PAD) / root.samples;
            draw(svg, root, PAD, height - PAD - ROW, scale, root.samples, root.samples * MIN_SHARE);
        }
        return svg.append("</svg>\n").toString();
    }

    /** One box per frame wide enough to see, and its callees above it. */
    private static void draw(StringBuilder svg, Node node, double x, int y, double scale, long total, double min) {
        double width = node.samples * scale;
        String category = node.name.equals("all") ? null : CpuCategories.ofFrame(node.name);
        svg.append(String.format(
                Locale.ROOT,
                "<g><title>%s (%,d samples, %.2f%%)</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                        + " fill=\"%s\" stroke=\"#fdfdf8\" stroke-width=\"0.5\"/>",
                escape(node.name),
                node.samples,
                100.0 * node.samples / total,
                x,
                y,
                width,
                ROW - 1,
                COLOURS.getOrDefault(category, "#c8c8c0")));
        String label = label(node.name, width);
        if (!label.isEmpty()) {
            svg.append(String.format(
                    Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 3, y + ROW - 4, escape(label)));
        }
        svg.append("</g>\n");
        double at = x;
        for (Node child : node.children.values()) {
            if (child.samples >= min) {
                draw(svg, child, at, y - ROW, scale, total, min);
            }
            at += child.samples * scale;
        }
    }

    /** The categories the picture uses, each with its colour, in a row under the title. */
    private static void legend(StringBuilder svg, Node root) {
        List<String> used = new ArrayList<>();
        root.categories(used, root.samples * MIN_SHARE);
        double x = PAD;
        for (String category : CpuCategories.ALL) {
            if (!used.contains(category)) {
                continue;
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"28\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"38\">%s</text>\n",
                    x,
                    COLOURS.get(category),
                    x + 16,
                    escape(category)));
            x += 16 + category.length() * CHAR_WIDTH + 14;
        }
    }

    /** What a box shows: the frame's short name (no package), cut to the box's width. */
    static String label(String frame, double width) {
        String name = shortName(frame);
        int fits = (int) ((width - 6) / CHAR_WIDTH);
        if (fits < 3) {
            return "";
        }
        return name.length() <= fits ? name : name.substring(0, fits - 2) + "..";
    }

    /**
     * "io.netty.channel.epoll.EpollEventLoop.run" to "EpollEventLoop.run", a lambda's hidden class
     * "a.B$$Lambda.0x0000000801234.run" to "B$$Lambda.run"; "kernel:tcp_sendmsg" stays.
     */
    static String shortName(String frame) {
        if (frame.contains(":")) {
            return frame;
        }
        frame = frame.replaceAll("\\$\\$Lambda[./]0x[0-9a-f]+", "\\$\\$Lambda");
        int method = frame.lastIndexOf('.');
        int type = method > 0 ? frame.lastIndexOf('.', method - 1) : -1;
        return type < 0 ? frame : frame.substring(type + 1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static Map<String, String> colours() {
        String[] palette = {
            "#e8a33d", "#f0c05a", "#d9c36c", "#c79a6b", "#b07cc6", "#5aa9e6", "#7fc8f8", "#9bd0b7", "#e5707e",
            "#f29e9e", "#8fd175", "#ff8c42", "#a0a0a0", "#b8b0d8", "#cfcfa8", "#dcdcd0", "#e0e0e0"
        };
        Map<String, String> colours = new LinkedHashMap<>();
        for (int i = 0; i < CpuCategories.ALL.size(); i++) {
            colours.put(CpuCategories.ALL.get(i), palette[i % palette.length]);
        }
        return colours;
    }

    /** A frame in the tree: its samples, and its callees by name. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }

        /** Rows above this one that hold a box wide enough to draw. */
        int depth(double min) {
            int deepest = 0;
            for (Node child : children.values()) {
                if (child.samples >= min) {
                    deepest = Math.max(deepest, 1 + child.depth(min));
                }
            }
            return deepest;
        }

        void categories(List<String> into, double min) {
            for (Node child : children.values()) {
                if (child.samples >= min) {
                    String category = CpuCategories.ofFrame(child.name);
                    if (category != null && !into.contains(category)) {
                        into.add(category);
                    }
                    child.categories(into, min);
                }
            }
        }
    }
}
