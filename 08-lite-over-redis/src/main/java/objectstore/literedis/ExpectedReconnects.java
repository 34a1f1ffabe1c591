package objectstore.literedis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Lettuce's warnings while a master is down on purpose, counted instead of printed. Each reconnect to the killed node
 * and each topology refresh that cannot reach it logs a WARN line, and so does each write that was on its way to it
 * when it died; during a deliberate failover they are expected, and the run sums them up in one line. Only WARN lines
 * of the loggers that report these are held back, and only between {@link #hold()} and {@link #close()}; every other
 * line passes.
 */
final class ExpectedReconnects extends TurboFilter implements AutoCloseable {

    /** Lettuce's reconnecting watchdog, and the cluster client's topology refresh: connections refused. */
    private static final Set<String> RECONNECTS = Set.of(
            "io.lettuce.core.protocol.ConnectionWatchdog",
            "io.lettuce.core.cluster.topology.DefaultClusterTopologyRefresh");

    /** Where a write to a dead connection is reported: a broken pipe, a reset connection. */
    private static final Set<String> LOST_WRITES =
            Set.of("io.lettuce.core.protocol.DefaultEndpoint", "io.lettuce.core.protocol.CommandHandler");

    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger lostWrites = new AtomicInteger();
    private volatile LoggerContext context;

    /** Starts holding the warnings back; where logback is not the logger, they print as usual. */
    void hold() {
        if (context == null && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            start();
            logback.addTurboFilter(this);
            context = logback;
        }
    }

    /** The one line that sums up what was held back. */
    String summary() {
        return "during the failover, as expected: " + reconnects.get() + " reconnects refused, " + lostWrites.get()
                + " writes failed on the killed node's connection (Lettuce's warnings, counted, not printed)";
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (format == null || level != Level.WARN) {
            return FilterReply.NEUTRAL;
        }
        if (RECONNECTS.contains(logger.getName())) {
            reconnects.incrementAndGet();
            return FilterReply.DENY;
        }
        if (LOST_WRITES.contains(logger.getName())) {
            lostWrites.incrementAndGet();
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** Lets the warnings through again. */
    @Override
    public void close() {
        LoggerContext holding = context;
        if (holding != null) {
            holding.getTurboFilterList().remove(this);
            context = null;
            stop();
        }
    }
}
