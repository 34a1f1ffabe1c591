package objectstore.bench.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Globs over a frame's "package.Class.method" name ({@code *} matches anything, dots included), compiled into one
 * pattern; each name's answer is remembered, since a recording repeats the same frames.
 */
final class FrameGlob {

    private final List<String> globs;
    private final Pattern pattern;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    FrameGlob(List<String> globs) {
        this.globs = List.copyOf(globs);
        List<String> alternatives = new ArrayList<>();
        for (String glob : globs) {
            alternatives.add(
                    Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
        }
        this.pattern = Pattern.compile(String.join("|", alternatives));
    }

    List<String> globs() {
        return globs;
    }

    boolean matches(String frame) {
        return !globs.isEmpty()
                && seen.computeIfAbsent(frame, f -> pattern.matcher(f).matches());
    }

    /** True when a frame at {@code from} or below it matches. */
    boolean matchesAny(List<String> frames, int from) {
        for (int i = from; i < frames.size() && !globs.isEmpty(); i++) {
            if (matches(frames.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The first frame from the top that does not match, or null. */
    String firstOutside(List<String> frames) {
        for (String frame : frames) {
            if (!matches(frame)) {
                return frame;
            }
        }
        return null;
    }
}
