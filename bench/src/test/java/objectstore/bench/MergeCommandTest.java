package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import objectstore.bench.merge.MergedResults;
import objectstore.bench.merge.RunMerger;
import objectstore.harness.PhaseResult;
import objectstore.harness.ResultsJson;
import objectstore.harness.RunResult;
import objectstore.litehttp.LiteHttpS3PutGet;
import objectstore.provisioning.BucketLifecycle;
import objectstore.testing.ExperimentRuns;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --merge} on real results: chapter 05 run twice in this JVM against the shared S3Proxy, each run with a bucket
 * of its own (OBJECTSTORE_BUCKET_SUFFIX), merged through the docs module's command. The runs came one after the other,
 * so their windows do not overlap: the merge must say so.
 */
class MergeCommandTest {

    @TempDir
    Path temp;

    @Test
    void mergesTwoRealRunsAndWarnsThatTheyDidNotOverlap() throws Exception {
        Path a = run("host-a");
        Path b = run("host-b");
        Path merged = temp.resolve("merged.json");

        Printed printed = docs("--merge", a.toString(), b.toString(), "--out", merged.toString());

        assertThat(printed.code()).as(printed.out() + printed.err()).isZero();
        assertThat(printed.err())
                .contains("merge: WARNING: put_object (await each): the hosts' windows do not overlap: host-b started");
        assertThat(printed.out())
                .contains("merge: 2 hosts of 05-lite-http-s3 (host-a, host-b)")
                .contains("merged results JSON: ");

        RunResult ra = ResultsJson.read(a);
        RunResult rb = ResultsJson.read(b);
        RunMerger.Merged m = MergedResults.read(merged);
        assertThat(m.run().experiment()).isEqualTo("05-lite-http-s3");
        assertThat(m.run().settings()).isEqualTo(ra.settings());
        assertThat(m.run().passed()).isTrue();
        assertThat(m.run().phases()).hasSameSizeAs(ra.phases());
        for (int i = 0; i < ra.phases().size(); i++) {
            PhaseResult pa = ra.phases().get(i);
            PhaseResult pb = rb.phases().get(i);
            PhaseResult p = m.run().phases().get(i);
            assertThat(p.op()).isEqualTo(pa.op());
            assertThat(p.items()).isEqualTo(pa.items() + pb.items());
            assertThat(p.verified()).isEqualTo(pa.verified() + pb.verified());
            assertThat(p.errors()).isEqualTo(pa.errors() + pb.errors());
            assertThat(p.latencyMs().p99())
                    .isBetween(
                            Math.min(pa.latencyMs().p99(), pb.latencyMs().p99()),
                            Math.max(pa.latencyMs().p99(), pb.latencyMs().p99()));
            Histogram sum = decode(pa.latencyHistogram());
            sum.add(decode(pb.latencyHistogram()));
            assertThat(p.latencyMs()).isEqualTo(PhaseResult.Latency.of(sum));
            assertThat(p.itemsPerSecond())
                    .isCloseTo(pa.itemsPerSecond() + pb.itemsPerSecond(), org.assertj.core.data.Offset.offset(0.02));
        }
        assertThat(m.merge().hosts()).isEqualTo(2);
        assertThat(m.merge().warnings())
                .hasSize(ra.phases().size())
                .allSatisfy(w -> assertThat(w).contains("do not overlap"));
        assertThat(m.merge().phases())
                .allSatisfy(w -> assertThat(w.overlapPercent()).isZero());

        // The same shape as a run's results JSON, plus the merge object.
        JsonNode root = new ObjectMapper().readTree(merged.toFile());
        JsonNode one = new ObjectMapper().readTree(a.toFile());
        List<String> fields = iterable(one.fieldNames());
        assertThat(iterable(root.fieldNames())).containsAll(fields).contains("merge");
        assertThat(root.path("merge").path("rate").asText()).startsWith("per round, the sum of the hosts' rates");
    }

    @Test
    void inputsOfDifferentExperimentsAreOneLineAndExitTwo() throws Exception {
        Path a = temp.resolve("a.json");
        Files.copy(Fixtures.file("05-lite-http-s3.json"), a);
        Printed printed = docs(
                "--merge",
                a.toString(),
                Fixtures.file("01-blocking-s3.json").toString(),
                "--out",
                temp.resolve("m.json").toString());
        assertThat(printed.code()).isEqualTo(2);
        assertThat(printed.err().strip().lines()).hasSize(1);
        assertThat(printed.err())
                .startsWith("merge: ")
                .contains("is 01-blocking-s3 but")
                .contains("merge runs of one experiment");
        assertThat(temp.resolve("m.json")).doesNotExist();
    }

    @Test
    void resultsWithoutHistogramsCannotBeMerged() throws Exception {
        Path a = temp.resolve("a.json");
        Files.copy(Fixtures.file("05-lite-http-s3.json"), a);
        Printed printed = docs(
                "--merge",
                a.toString(),
                Fixtures.file("05-lite-http-s3.json").toString(),
                "--out",
                temp.resolve("m.json").toString());
        assertThat(printed.code()).isEqualTo(2);
        assertThat(printed.err())
                .isEqualTo("merge: " + a + ": phase put_object has no latencyHistogram, startedAt or endedAt "
                        + "(a result from before they were recorded)\n");
    }

    @Test
    void badRequestsAreOneLineAndExitTwo() {
        assertThat(docs("--merge", "a.json").err())
                .isEqualTo("merge: --merge needs --out FILE, where the merged result goes\n");
        assertThat(docs("--merge", "--out", "m.json").err())
                .startsWith("merge: --merge needs the result files of the hosts");
        assertThat(docs("--merge", temp.resolve("none.json").toString(), "--out", "m.json")
                        .err())
                .isEqualTo("merge: no such file: " + temp.resolve("none.json") + "\n");
        assertThat(docs("--merge", "a.json", "--out", "m.json", "--clock-skew-ms", "soon")
                        .err())
                .isEqualTo("merge: --clock-skew-ms must be a whole number of milliseconds, zero or more, not 'soon'\n");
        assertThat(docs("--merge", "a.json", "--frobnicate").code()).isEqualTo(2);
    }

    @Test
    void aBucketSuffixThatMakesAnInvalidNameIsOneLineAndExitTwo() {
        Map<String, String> env = new HashMap<>(ExperimentRuns.externalS3Env(temp));
        env.put(BucketLifecycle.SUFFIX_VARIABLE, "Host_A");
        ExperimentRuns.Outcome outcome = ExperimentRuns.run(LiteHttpS3PutGet.CHAPTER, env, "--iterations", "10")
                .failedWithOneLine();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err())
                .isEqualTo("05-lite-http-s3: OBJECTSTORE_BUCKET_SUFFIX='Host_A' makes an invalid bucket name"
                        + " 'lite-http-s3-Host_A': only lowercase letters, digits, '.' and '-' are allowed\n");
    }

    /**
     * Chapter 05, small, in this JVM, on the shared S3Proxy, in a bucket named with {@code suffix}; its results JSON.
     */
    private Path run(String suffix) throws Exception {
        Path json = temp.resolve(suffix + ".json");
        Map<String, String> env = new HashMap<>(ExperimentRuns.externalS3Env(temp));
        env.put(BucketLifecycle.SUFFIX_VARIABLE, suffix);
        ExperimentRuns.Outcome outcome = ExperimentRuns.run(
                LiteHttpS3PutGet.CHAPTER,
                env,
                "--iterations",
                "200",
                "--concurrency",
                "20",
                "--rounds",
                "1",
                "--warmup",
                "0",
                "--json",
                json.toString());
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        ExperimentRuns.assertVerifiedResults(json, "05-lite-http-s3", 200);
        ExperimentRuns.assertBucketGone("lite-http-s3-" + suffix);
        return json;
    }

    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64)), 0);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    record Printed(int code, String out, String err) {}

    private static Printed docs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Bench.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
