package objectstore.bench.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up CPU samples per phase: each sample given a category by {@link CpuCategories#decide}, and its stack kept,
 * collapsed, for a flame graph ({@link FlameGraph}).
 */
final class CpuProfile {

    private final PhaseWindows windows;
    private final Slot[] slots;

    CpuProfile(PhaseWindows windows) {
        this.windows = windows;
        slots = new Slot[windows.windows().size() + 1]; // the last one: outside every phase
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    /** How many deciding frames each category lists, most frequent first. */
    static final int TOP_FRAMES = 3;

    /** One sample of {@code thread}, its frames the running one first. */
    void sample(Instant time, String thread, List<String> frames, boolean truncated) {
        CpuCategories.Decision decision = CpuCategories.decide(thread, frames);
        // The frame that decided; for JDK and other, the running method.
        String frame =
                decision.frame() != null ? decision.frame() : frames.isEmpty() ? "(no stack)" : frames.getFirst();
        String collapsed = collapsed(thread, frames);
        for (Slot slot : slotsAt(time)) {
            slot.samples++;
            slot.truncated += truncated ? 1 : 0;
            slot.byCategory.merge(decision.category(), 1L, Long::sum);
            slot.frames
                    .computeIfAbsent(decision.category(), c -> new HashMap<>())
                    .merge(frame, 1L, Long::sum);
            slot.stacks.merge(collapsed, 1L, Long::sum);
        }
    }

    /** A thread's numbers as a pool names them: "lite-s3-5-1", "GC Thread#0". */
    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("(?<=[-#])\\d+");

    /*
     * A stack as a flame graph's input line: the thread (its numbers made N, so a pool's threads are one
     * root), then the frames from the bottom up, separated by semicolons.
     */
    static String collapsed(String thread, List<String> frames) {
        StringBuilder line = new StringBuilder(32 + frames.size() * 48);
        line.append(NUMBERED.matcher(thread).replaceAll("N").replace(';', ','));
        for (int i = frames.size() - 1; i >= 0; i--) {
            line.append(';').append(frames.get(i).replace(';', ','));
        }
        return line.toString();
    }

    private List<Slot> slotsAt(Instant time) {
        List<Integer> in = windows.at(time);
        if (in.isEmpty()) {
            return List.of(slots[slots.length - 1]);
        }
        List<Slot> at = new ArrayList<>(in.size());
        in.forEach(i -> at.add(slots[i]));
        return at;
    }

    /**
     * Phase {@code i}'s figures: {@code periodMicros} is the CPU time one sample stands for (the profiler's interval);
     * {@code cpuMicrosPerOp} is the run's own CPU per operation (its median round, of {@code items} operations); the
     * samples are over all its {@code rounds}.
     */
    ProfileRecord.Cpu phase(int i, double periodMicros, double cpuMicrosPerOp, int items, int rounds) {
        return slots[i].cpu(periodMicros, cpuMicrosPerOp, items, (long) items * rounds);
    }

    /** The samples outside every phase. */
    ProfileRecord.Cpu outside(double periodMicros) {
        return slots[slots.length - 1].cpu(periodMicros, null, 0, 0);
    }

    /** Phase {@code i}'s stacks, collapsed ("thread;bottom;...;top"), with their samples. */
    Map<String, Long> stacks(int i) {
        return slots[i].stacks;
    }

    /** Samples in one phase, or outside them. */
    private static final class Slot {
        long samples;
        long truncated;
        final Map<String, Long> byCategory = new LinkedHashMap<>();
        final Map<String, Map<String, Long>> frames = new HashMap<>();
        final Map<String, Long> stacks = new HashMap<>();

        /*
         * A category's share is its samples over the phase's; its error is one standard error of a
         * proportion, sqrt(p (1 - p) / n). Two figures per operation: what the samples saw (samples times
         * the period, over the operations), and an estimate that spreads the run's whole CPU per operation
         * in the shares. The samples' time over the run's own CPU time is the share of it they cover.
         */
        ProfileRecord.Cpu cpu(double periodMicros, Double cpuMicrosPerOp, int items, long operations) {
            List<ProfileRecord.Category> categories = new ArrayList<>();
            for (String category : CpuCategories.ALL) {
                long n = byCategory.getOrDefault(category, 0L);
                double share = samples > 0 ? (double) n / samples : 0;
                double error = samples > 0 ? Math.sqrt(share * (1 - share) / samples) : 0;
                categories.add(new ProfileRecord.Category(
                        category,
                        n,
                        round4(share),
                        round4(error),
                        operations > 0 ? round2(n * periodMicros / operations) : null,
                        cpuMicrosPerOp == null ? null : round2(share * cpuMicrosPerOp),
                        topFrames(category)));
            }
            double sampledMs = samples * periodMicros / 1000;
            Double processCpuMs = cpuMicrosPerOp == null ? null : round2(cpuMicrosPerOp * items / 1000);
            Double seen = processCpuMs == null || processCpuMs == 0 || operations != items
                    ? null
                    : round2(sampledMs / processCpuMs);
            return new ProfileRecord.Cpu(samples, truncated, round2(sampledMs), processCpuMs, seen, categories);
        }

        /** The category's most frequent deciding frames, as "frame: samples". */
        private List<String> topFrames(String category) {
            return frames.getOrDefault(category, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_FRAMES)
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .toList();
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
