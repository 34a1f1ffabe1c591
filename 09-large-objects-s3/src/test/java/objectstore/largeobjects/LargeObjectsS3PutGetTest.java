package objectstore.largeobjects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import objectstore.harness.Chapter;
import objectstore.provisioning.RamDisk;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Chapter 09 keeps the chapters' contract with objects of 1 MiB on the shared S3Proxy, each client in a JVM of its own;
 * with an S3Proxy of its own it goes multipart, every client's figures in the results; and bad input is one line.
 */
class LargeObjectsS3PutGetTest extends ChapterContract {

    private static final int MIB = 1 << 20;

    @Override
    protected Chapter chapter() {
        return LargeObjectsS3PutGet.CHAPTER;
    }

    @Override
    protected int smallRunIterations() {
        return 2;
    }

    /*
     * The SDK's multipart client downloads by part number, which S3Proxy does not serve: on the shared
     * store, which does not say it is S3Proxy, its GET would fail. The test with a store of its own has it.
     */
    @Override
    protected String[] smallRunArgs() {
        return new String[] {
            "--size",
            String.valueOf(MIB),
            "--rounds",
            "2",
            "--warmup",
            "1",
            "--clients",
            "sdk,sdk-checksums,crt,transfer-manager"
        };
    }

    @Test
    void onAStoreOfItsOwnEveryClientGoesInPartsWhereItCanAndEveryFigureIsRecorded() throws Exception {
        Path json = temp.resolve("09.json");
        List<String> before = files();
        Outcome outcome = ExperimentRuns.run(
                chapter(),
                environment(),
                "--store",
                "embedded",
                "--size",
                String.valueOf(12 * MIB),
                "--part-size",
                "5MiB",
                "--iterations",
                "1",
                "--rounds",
                "1",
                "--warmup",
                "0",
                "--clients",
                "sdk-checksums,sdk-multipart,crt,transfer-manager",
                "--json",
                json.toString());
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        if (RamDisk.room() > 100L * MIB) {
            assertThat(results.path("store").path("backend").asText()).contains("/dev/shm");
        }
        assertThat(results.path("client").asText()).contains("get_object (sdk, multipart) not measured");
        Map<String, JsonNode> phases = new HashMap<>();
        results.path("phases").forEach(p -> phases.put(p.path("op").asText(), p));
        assertThat(phases)
                .containsOnlyKeys(
                        "put_object (sdk, one stream, WHEN_SUPPORTED)",
                        "get_object (sdk, one stream, WHEN_SUPPORTED)",
                        "put_object (sdk, multipart)",
                        "put_object (crt, one PUT)",
                        "get_object (crt, ranged)",
                        "put_object (transfer manager on crt, one PUT)",
                        "get_object (transfer manager on crt, ranged)");
        for (JsonNode phase : phases.values()) {
            String op = phase.path("op").asText();
            assertThat(phase.path("verified").asLong()).as("%s verified", op).isEqualTo(1);
            assertThat(phase.path("errors").asLong()).as("%s errors", op).isZero();
            for (String field : List.of("bytesPerSecond", "gbitsPerSecond", "cpuSecondsPerGiB", "peakMemoryBytes")) {
                assertThat(phase.path(field).asDouble()).as("%s %s", op, field).isPositive();
            }
            assertThat(phase.has("firstByteMs")).as("%s firstByteMs", op).isEqualTo(op.startsWith("get_object"));
            assertThat(phase.path("transfer").path("objectBytes").asLong()).isEqualTo(12 * MIB);
        }
        JsonNode multipart = phases.get("put_object (sdk, multipart)").path("transfer");
        assertThat(multipart.path("parts").asInt()).isEqualTo(3);
        assertThat(multipart.path("partSize").asLong()).isEqualTo(5 * MIB);
        assertThat(multipart.path("verified").asText()).contains("MD5 of the 3 parts' MD5s, -3");
        assertThat(phases.get("get_object (crt, ranged)")
                        .path("transfer")
                        .path("parts")
                        .asInt())
                .isEqualTo(3);
        assertThat(phases.get("put_object (sdk, one stream, WHEN_SUPPORTED)")
                        .path("transfer")
                        .path("checksum")
                        .asText())
                .contains("CRC32");
        assertThat(files()).as("files of the chapter and its store").isEqualTo(before);
    }

    @Test
    void aPartSizeUnderFiveMiBIsOneLine() {
        Outcome outcome =
                ExperimentRuns.run(chapter(), store(), "--part-size", "4MiB").failedWithOneLine();
        assertThat(outcome.err()).contains("--part-size 4MiB").contains("5 MiB");
    }

    @Test
    void anUnknownClientIsOneLine() {
        Outcome outcome =
                ExperimentRuns.run(chapter(), store(), "--clients", "sdk,boto3").failedWithOneLine();
        assertThat(outcome.err()).contains("boto3").contains("transfer-manager");
    }

    @Test
    void objectsTheMachineCannotHoldAreOneLineBeforeAnyStoreStarts() {
        Outcome outcome = ExperimentRuns.run(
                        chapter(), environment(), "--store", "embedded", "--size", "1073741824", "--iterations", "400")
                .failedWithOneLine();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("the run needs").contains("--size");
    }

    @Test
    void moreThanTenThousandPartsAreRefusedAsS3RefusesThem() {
        assertThat(LargeObjectSettings.partsProblem(100_000L * 5 * MIB, 5L * MIB))
                .contains("100000 parts")
                .contains("at most 10000");
        assertThat(LargeObjectSettings.partsProblem(1L << 30, 5L * MIB)).isNull();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", temp.toString());
        return env;
    }

    /** What the RAM disk and target/ hold: the chapter's files and its store's go there, and must go away. */
    private static List<String> files() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (Path folder : List.of(RamDisk.PATH, RamDisk.PATH.resolve("objectstore-stores"), Path.of("target"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(Path::toString)
                            .filter(n -> n.contains("objectstore-09-") || n.contains("store-"))
                            .sorted()
                            .forEach(names::add);
                }
            }
        }
        return names;
    }
}
