package objectstore.literedis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The failover measurement, short: a master killed two seconds into six, its replica promoted, the run going on, every
 * acknowledged PUT read back. With WAIT 1 none may be lost; without, the count is recorded. Lettuce's warnings about
 * the killed node are counted in one line, not printed.
 */
@Tag("redis")
class ClusterFailoverTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void theRunOutlivesAKilledMasterAndWaitLosesNoAcknowledgedPut() throws Exception {
        ClusterFailover.Settings settings = new ClusterFailover.Settings(
                7,
                2,
                0.5,
                16,
                1_000,
                Duration.ofSeconds(1),
                TestStores.redisServer().path().toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger lettuce = (Logger) LoggerFactory.getLogger("io.lettuce");
        lettuce.addAppender(logged);

        Map<String, Object> record;
        try {
            record = ClusterFailover.measure(settings, new PrintStream(printed, true));
        } finally {
            lettuce.detachAppender(logged);
        }
        System.out.print(printed);
        Path json = temp.resolve("failover.json");
        ClusterFailover.write(record, json);

        List<Map<String, Object>> runs = (List<Map<String, Object>>) record.get("runs");
        assertThat(runs).hasSize(2);
        for (Map<String, Object> run : runs) {
            assertThat(run.get("replicaPromotedAtSecond"))
                    .as("the replica took over")
                    .isNotNull();
            List<Long> perSecond = (List<Long>) run.get("acknowledgedPerSecond");
            assertThat(perSecond.getFirst())
                    .as("PUTs acknowledged in the first second")
                    .isPositive();
            assertThat(perSecond.getLast())
                    .as("PUTs acknowledged in the last second, after the failover")
                    .isPositive();
        }
        assertThat(runs.get(1).get("wait")).isEqualTo(1);
        assertThat(runs.get(1).get("acknowledgedLost")).isEqualTo(0L);
        assertThat(Files.readString(json)).contains("\"acknowledgedLost\"", "\"waitCostRatio\"");
        assertThat(printed.toString()).contains("acknowledged PUTs lost");
        // The failover's expected warnings are one line per run; the shutdowns log nothing.
        assertThat(printed.toString().lines().filter(line -> line.contains("during the failover, as expected")))
                .hasSize(2);
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getLoggerName)
                .doesNotContain(
                        "io.lettuce.core.protocol.ConnectionWatchdog",
                        "io.lettuce.core.cluster.topology.DefaultClusterTopologyRefresh");
        assertThat(logged.list)
                .extracting(ClusterFailoverTest::failures)
                .noneMatch(failures -> failures.contains("executor not accepting a task"));
    }

    /** The messages of an event's exception and its causes. */
    private static String failures(ILoggingEvent event) {
        StringBuilder messages = new StringBuilder();
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
