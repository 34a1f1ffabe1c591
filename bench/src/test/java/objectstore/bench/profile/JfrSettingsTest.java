package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** The .jfc files the profile writes are ones JFR reads, with the settings the record states. */
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
    void cpuSamplesJavaEvery10msAndNativeEvery20ms() throws Exception {
        Configuration jfc = Configuration.create(new StringReader(JfrSettings.CPU.jfc()));
        assertThat(jfc.getSettings())
                .containsEntry("jdk.ExecutionSample#period", JfrSettings.JAVA_SAMPLE_PERIOD_MS + " ms")
                .containsEntry("jdk.NativeMethodSample#period", "20 ms")
                .doesNotContainKey("jdk.ThreadPark#enabled");
        assertThat(JfrSettings.CPU.stackDepth()).isEqualTo(128);
    }
}
