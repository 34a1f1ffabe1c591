package objectstore.tools;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import objectstore.lite.Transfer;

/**
 * One line on the terminal that follows a transfer, rewritten in place four times a second: the bytes moved, the rate
 * and the time left. On anything but a terminal (output piped or redirected) there is no line at all.
 */
final class ProgressLine implements AutoCloseable {

    private static final long EVERY_MILLIS = 250;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter terminal;
    private final Transfer<?> transfer;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private int width;
    private boolean cleared;

    private ProgressLine(PrintWriter terminal, Transfer<?> transfer) {
        this.terminal = terminal;
        this.transfer = transfer;
        this.ticker = terminal == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "lite-s3-progress");
                    thread.setDaemon(true);
                    return thread;
                });
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::draw, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A line that follows {@code transfer} when standard input and output are a terminal; else one that draws nothing.
     */
    static ProgressLine onTerminal(Transfer<?> transfer) {
        Console console = System.console();
        return new ProgressLine(console != null && isTerminal(console) ? console.writer() : null, transfer);
    }

    /**
     * JDK 22 and later may hand out a console for redirected streams too, and say so with {@code isTerminal()}; JDK 21
     * has no such method, and hands one out for a terminal only.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private synchronized void draw() {
        if (cleared) {
            return;
        }
        long size = transfer.size();
        long done = transfer.transferred();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder(80);
        line.append(String.format(Locale.ROOT, "%.1f MiB", done / MIB));
        if (size > 0) {
            line.append(String.format(Locale.ROOT, " / %.1f MiB  %3d%%", size / MIB, done * 100 / size));
        }
        line.append(String.format(Locale.ROOT, "  %.1f MiB/s", rate / MIB));
        if (size > 0 && rate > 0 && done < size) {
            long left = (long) Math.ceil((size - done) / rate);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        }
        int length = line.length();
        line.append(" ".repeat(Math.max(0, width - length)));
        width = length;
        terminal.print("\r" + line);
        terminal.flush();
    }

    /** Stops the line and blanks it, so that what follows starts at the line's beginning. */
    synchronized void clear() {
        if (ticker == null) {
            return;
        }
        cleared = true;
        ticker.shutdownNow();
        if (width > 0) {
            terminal.print("\r" + " ".repeat(width) + "\r");
            terminal.flush();
            width = 0;
        }
    }

    @Override
    public void close() {
        clear();
    }
}
