package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.PhaseResult;
import objectstore.harness.RunResult;
import objectstore.provisioning.StoreInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapter 09's size sweep, from made-up results: the crossover is the smallest size from which parts beat one stream by
 * 10% at every larger size, the verdict says so with the figures, and the table and both charts are written.
 */
class LargeObjectSweepTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void theCrossoverIsWherePartsBeatOneStreamFromThereOn() {
        LargeObjectSweep.Record record = LargeObjectSweep.record("09-large-objects-s3", sweep());

        assertThat(record.get().from()).isEqualTo("16 MiB");
        assertThat(record.get().client()).isEqualTo("get_object (crt, ranged)");
        assertThat(record.get().ratio()).isEqualTo(2.0);
        // parts beat one stream at 4 MiB, not at 16 MiB, then from 256 MiB on: the crossover is 256 MiB
        assertThat(record.put().from()).isEqualTo("256 MiB");
        assertThat(record.put().client()).isEqualTo("put_object (sdk, multipart)");
        assertThat(record.verdict())
                .contains("PUT: parts pay from 256 MiB on; `put_object (sdk, multipart)` moved 1.50×")
                .contains("GET: parts pay from 16 MiB on; `get_object (crt, ranged)` moved 2.00×")
                .contains("holding 300 MiB at its peak against 100 MiB");
    }

    @Test
    void aFailedSizeKeepsItsRowAsFailedAndNoCrossoverWithoutOneStream() {
        List<ResultsTable.SweepPoint> points = new ArrayList<>(sweep());
        points.add(new ResultsTable.SweepPoint(
                1024 * MIB, "1 GiB", Outcome.failed("09-large-objects-s3", null, "timed out")));
        LargeObjectSweep.Record record = LargeObjectSweep.record("09-large-objects-s3", points);

        assertThat(record.rows().getLast().status()).startsWith("FAILED");
        assertThat(record.get().client()).isNull();
        assertThat(record.verdict()).contains("GET: no client moved the largest objects in parts here");
    }

    @Test
    void theTableTheRecordAndBothChartsAreWritten() throws Exception {
        List<Path> files = LargeObjectSweep.write("09-large-objects-s3", sweep(), dir);

        assertThat(files)
                .extracting(f -> dir.relativize(f).toString())
                .containsExactly(
                        "sweep-09-large-objects-s3-size.md",
                        "sweep-09-large-objects-s3-size/crossover.json",
                        "sweep-09-large-objects-s3-size.png",
                        "sweep-09-large-objects-s3-memory.png");
        assertThat(Files.readString(files.getFirst()))
                .contains("| 16 MiB | `get_object (crt, ranged)` | 200.0 |")
                .contains("![sweep-09-large-objects-s3-memory.png]");
        JsonNode record = new ObjectMapper().readTree(files.get(1).toFile());
        assertThat(record.path("get").path("fromBytes").asLong()).isEqualTo(16 * MIB);
        for (Path png : files.subList(2, 4)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("%s is a PNG ImageIO can read", png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1200);
        }
    }

    /**
     * Four sizes. GET: one stream at 100 MiB/s throughout; the CRT in ranges 90 at 4 MiB, then 200. PUT: one stream at
     * 100; the SDK in parts 120 at 4 MiB, 100 at 16 MiB and 64 MiB, 150 at 256 MiB. At 1 MiB nothing is split.
     */
    static List<ResultsTable.SweepPoint> sweep() {
        List<ResultsTable.SweepPoint> points = new ArrayList<>();
        Map<Long, double[]> rates = Map.of(
                1L, new double[] {100, 100, 100, 100},
                4L, new double[] {100, 120, 100, 90},
                16L, new double[] {100, 100, 100, 200},
                64L, new double[] {100, 100, 100, 200},
                256L, new double[] {100, 150, 100, 200});
        for (long mib : List.of(1L, 4L, 16L, 64L, 256L)) {
            double[] r = rates.get(mib);
            int parts = mib == 1 ? 1 : (int) (mib / 4);
            List<PhaseResult> phases = List.of(
                    phase("put_object (sdk, one stream)", mib, r[0], 1, 100),
                    phase("put_object (sdk, multipart)", mib, r[1], parts, 300),
                    phase("get_object (sdk, one stream)", mib, r[2], 1, 100),
                    phase("get_object (crt, ranged)", mib, r[3], parts, 300));
            RunResult result = new RunResult(
                    "09-large-objects-s3",
                    "2026-12-01T10:00:00Z",
                    new StoreInfo("embedded", "S3Proxy 4.0.0", "filesystem on /dev/shm (RAM disk)", "http://x"),
                    "each client in a JVM of its own",
                    new RunResult.Settings(2, (int) (mib * MIB), 1, 3, 2, Map.of()),
                    new RunResult.Machine(2, "OpenJDK 25", "Linux", 1024, 0.05, false),
                    null,
                    phases,
                    new RunResult.Overall(0),
                    true);
            points.add(new ResultsTable.SweepPoint(mib * MIB, Suite.bytes(mib * MIB), Outcome.of(result)));
        }
        return points;
    }

    private static PhaseResult phase(String op, long mib, double mibPerSecond, int parts, long peakMiB) {
        return new PhaseResult(
                op,
                op.startsWith("put_object") ? Phase.Kind.PUT : Phase.Kind.GET,
                Loop.FILE_TRANSFER,
                2,
                3,
                0,
                2,
                mibPerSecond / mib,
                mibPerSecond / mib,
                mibPerSecond / mib,
                0,
                true,
                mibPerSecond,
                2.0 * mib / mibPerSecond,
                new PhaseResult.Latency(1, 1, 1, 1, 1),
                null,
                null,
                1000,
                1000,
                new PhaseResult.Cores(0.5, 0.5, 0.05),
                "round trips",
                List.of(mibPerSecond / mib),
                List.of(),
                0,
                "2026-12-01T10:00:00Z",
                "2026-12-01T10:00:01Z",
                "",
                null,
                null,
                mibPerSecond * MIB,
                mibPerSecond * MIB * 8 / 1e9,
                1.0,
                MIB * 1.0,
                peakMiB * MIB,
                null,
                new PhaseResult.Transfer("a client", mib * MIB, null, null, parts, "none", "its digest", "VmHWM"));
    }
}
