package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts, from recorded JSON: files that are real PNGs of a readable size. */
class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void theSuiteChartsAreReadablePngs() throws Exception {
        List<Path> files = Charts.write(Fixtures.suite(), dir);

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly("throughput.png", "cpu-per-op.png");
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as("%s is a PNG ImageIO can read", file).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1200);
            assertThat(image.getHeight()).as("room for five experiments").isBetween(400, 1000);
        }
    }

    @Test
    void aSweepChartIsAReadablePng() throws Exception {
        List<Path> files = SweepCharts.sweep("05-lite-http-s3", "concurrency", Fixtures.sweep(), dir);

        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).isEqualTo("sweep-05-lite-http-s3-concurrency.png");
            BufferedImage image = ImageIO.read(f.toFile());
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1200);
            assertThat(image.getHeight()).isEqualTo(700);
        });
    }

    @Test
    void aSizeSweepAlsoDrawsMibPerSecond() throws Exception {
        List<Path> files = SweepCharts.sweep("05-lite-http-s3", "size", Fixtures.sweep(), dir);

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly("sweep-05-lite-http-s3-size.png", "sweep-05-lite-http-s3-size-mib.png");
        for (Path file : files) {
            assertThat(ImageIO.read(file.toFile())).isNotNull();
        }
    }

    @Test
    void theChartsNameTheStoreMachineAndDate() throws Exception {
        Facts facts = Facts.of(Fixtures.suite());

        assertThat(facts.stores()).containsExactly("embedded S3Proxy 4.0.0 (memory)", "embedded Redis 7.2.4");
        assertThat(facts.machine()).contains("2 cores").contains("FixtureVM 99");
        assertThat(facts.date()).isEqualTo("2001-02-03");
    }

    @Test
    void logTicksFallOnOneTwoAndFiveTimesAPowerOfTen() {
        assertThat(RoundLogAxis.values(1, 400)).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0);
        assertThat(RoundLogAxis.values(0.3, 20)).containsExactly(0.5, 1.0, 2.0, 5.0, 10.0, 20.0);
        assertThat(RoundLogAxis.values(1, 10_000_000))
                .as("past five decades, powers of ten only")
                .containsExactly(1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0, 10_000_000.0);
    }

    @Test
    void anAxisReachesFarEnoughForItsLongestLabel() {
        String label = "135,056 (115,561–166,012) · window";

        assertThat(Charts.reach(135_056, label, false)).isGreaterThan(135_056 * 1.3);
        assertThat(Charts.reach(135_056, "", false)).isLessThan(135_056 * 1.05);
        assertThat(Math.log10(Charts.reach(300, "300 · window", true))).isGreaterThan(Math.log10(300) * 1.1);
    }
}
