package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** The .jfc file the locks profile writes is one JFR reads, with the settings the record states. */
class JfrSettingsTest {

    @Test
    void locksRecordsEveryContendedEntryAndPark() throws Exception {
        Configuration jfc = Configuration.create(new StringReader(JfrSettings.LOCKS.jfc()));
        assertThat(jfc.getSettings())
                .containsEntry("jdk.JavaMonitorEnter#threshold", "0 ms")
                .containsEntry("jdk.ThreadPark#threshold", "0 ms")
                .containsEntry("jdk.ThreadPark#stackTrace", "true")
                .containsEntry("jdk.ActiveSetting#enabled", "true")
                .doesNotContainKey("jdk.ExecutionSample#enabled");
        assertThat(JfrSettings.LOCKS.flat())
                .containsEntry("jdk.JavaMonitorEnter#threshold", "0 ms")
                .hasSize(6);
    }

    @Test
    void cpuIsNotJfrs() {
        assertThat(JfrSettings.CPU.eventNames()).isEmpty();
        assertThat(JfrSettings.CPU.flat()).isEmpty();
    }
}
