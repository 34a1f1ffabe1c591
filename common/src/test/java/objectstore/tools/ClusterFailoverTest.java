package objectstore.tools;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The failover measurement, short: a master killed two seconds into six, its replica promoted, the run going on, every
 * acknowledged PUT read back. With WAIT 1 none may be lost; without, the count is recorded.
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

        Map<String, Object> record = ClusterFailover.measure(settings, new PrintStream(printed, true));
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
    }
}
