package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import objectstore.harness.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading half of a profile, on recordings made in this JVM with the profile's own settings: waits and samples land
 * in the phase whose window holds them, or outside every phase.
 */
class RecordingAnalysisTest {

    @TempDir
    Path dir;

    /** What the test waits on: the class names the record must show. */
    static final class Contended {}

    static final class ParkedInPhase {}

    static final class ParkedBefore {}

    @Test
    void waitsInThePhasesWindowAndOutsideIt() throws Exception {
        Path jfr = dir.resolve("locks.jfr");
        Instant start;
        Instant end;
        try (Recording recording = new Recording(Configuration.create(new StringReader(JfrSettings.LOCKS.jfc())))) {
            recording.start();
            LockSupport.parkNanos(new ParkedBefore(), TimeUnit.MILLISECONDS.toNanos(20));
            Thread.sleep(5);
            start = Instant.now();
            LockSupport.parkNanos(new ParkedInPhase(), TimeUnit.MILLISECONDS.toNanos(20));
            contendFor(new Contended(), 50);
            end = Instant.now();
            Thread.sleep(5);
            recording.stop();
            recording.dump(jfr);
        }

        ProfileRecord record = Analysis.of(
                        jfr, oneRound("put_object", start, end), options("locks"), List.of("-XX:..."))
                .record();

        assertThat(record.profile()).isEqualTo("locks");
        assertThat(record.jfr().settings())
                .containsEntry("jdk.ThreadPark#threshold", "0 ms")
                .containsEntry("jdk.JavaMonitorEnter#threshold", "0 ms");
        assertThat(record.warnings()).isEmpty();
        ProfileRecord.Locks phase = record.phases().getFirst().locks();
        assertThat(phase.threadPark().top())
                .extracting(ProfileRecord.Top::waitedOn)
                .contains(ParkedInPhase.class.getName())
                .doesNotContain(ParkedBefore.class.getName());
        ProfileRecord.Top parked = phase.threadPark().top().stream()
                .filter(t -> t.waitedOn().equals(ParkedInPhase.class.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(parked.count()).isEqualTo(1);
        assertThat(parked.totalMs()).isGreaterThanOrEqualTo(19.0);
        // Parked straight from this method: past LockSupport, the first frame is already outside the JDK.
        assertThat(parked.at()).isEqualTo(getClass().getName() + ".waitsInThePhasesWindowAndOutsideIt");
        assertThat(parked.calledFrom()).isNull();
        ProfileRecord.Top contended = phase.monitorEnter().top().getFirst();
        assertThat(contended.waitedOn()).isEqualTo(Contended.class.getName());
        assertThat(contended.at()).isEqualTo(getClass().getName() + ".contendFor");
        assertThat(contended.totalMs()).isGreaterThan(10.0);

        assertThat(record.outsidePhases().locks().threadPark().top())
                .extracting(ProfileRecord.Top::waitedOn)
                .contains(ParkedBefore.class.getName());
        assertThat(record.outsidePhases().cpu()).isNull();
    }

    @Test
    void samplesInThePhasesWindowAddUpByCategory() throws Exception {
        Path jfr = dir.resolve("cpu.jfr");
        one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance(
                AsyncProfiler.library(dir).toString());
        Instant start;
        Instant end;
        profiler.execute("start,event=cpu,interval=1ms,jfr,file=" + jfr);
        try {
            spin(200);
            start = Instant.now();
            spin(400);
            writeToDevNull(300);
            end = Instant.now();
        } finally {
            profiler.execute("stop");
        }

        Analysis analysis = Analysis.of(jfr, oneRound("put_object", start, end), options("cpu"), List.of());
        ProfileRecord record = analysis.record();

        assertThat(record.jfr().settings())
                .containsEntry("async-profiler#event", "cpu")
                .containsEntry("async-profiler#interval", "1000000")
                .containsKey("async-profiler#engine");
        assertThat(record.categoryRules()).isNotEmpty();
        ProfileRecord.Cpu cpu = record.phases().getFirst().cpu();
        assertThat(cpu.samples()).isPositive();
        assertThat(cpu.categories())
                .extracting(ProfileRecord.Category::category)
                .containsExactlyElementsOf(CpuCategories.ALL);
        assertThat(cpu.categories().stream()
                        .mapToLong(ProfileRecord.Category::samples)
                        .sum())
                .isEqualTo(cpu.samples());
        // This test's own spinning is in package objectstore.*: the harness's category, decided by spin().
        ProfileRecord.Category harness = category(cpu, "harness");
        assertThat(harness.samples()).isPositive();
        assertThat(harness.frames()).anyMatch(f -> f.startsWith(getClass().getName() + ".spin: "));
        assertThat(harness.estimatedMicrosPerOp()) // the fixture's 1,000 µs/op, by the share (rounded to 4 places)
                .isCloseTo(harness.share() * 1_000, org.assertj.core.data.Offset.offset(0.1));
        assertThat(cpu.sampledMs()).isCloseTo(cpu.samples() * 1.0, org.assertj.core.data.Offset.offset(0.01));
        if (record.jfr().settings().get("async-profiler#engine").equals("perf_events")) {
            // The writes' time in the kernel is seen, named by the system call.
            assertThat(category(cpu, "kernel").samples()).isPositive();
            assertThat(category(cpu, "kernel").frames()).anyMatch(f -> f.startsWith("kernel:"));
        }
        // The spinning before the window is outside it.
        assertThat(record.outsidePhases().cpu().samples()).isPositive();
        assertThat(record.outsidePhases().cpu().categories().stream()
                        .mapToLong(ProfileRecord.Category::samples)
                        .sum())
                .isEqualTo(record.outsidePhases().cpu().samples());
        // The phase's stacks, collapsed, for its flame graph: the thread first, then the frames from the bottom.
        assertThat(analysis.stacks("put_object").values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(cpu.samples());
        assertThat(analysis.stacks("put_object").keySet())
                .anyMatch(s -> s.contains(";" + getClass().getName() + ".spin"));
    }

    private static ProfileRecord.Category category(ProfileRecord.Cpu cpu, String name) {
        return cpu.categories().stream()
                .filter(c -> c.category().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static void writeToDevNull(long millis) throws java.io.IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(64);
        try (java.nio.channels.FileChannel devNull =
                java.nio.channels.FileChannel.open(Path.of("/dev/null"), java.nio.file.StandardOpenOption.WRITE)) {
            while (System.nanoTime() < end) {
                bytes.clear();
                devNull.write(bytes);
            }
        }
    }

    private static void contendFor(Object lock, long holdMillis) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            synchronized (lock) {
                held.countDown();
                try {
                    Thread.sleep(holdMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        held.await();
        synchronized (lock) {
            lock.hashCode();
        }
        holder.join();
    }

    private static long spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + i;
            }
        }
        return x;
    }

    private ProfileOptions options(String jfc) {
        return ProfileOptions.parse(new String[] {
            "--profile", "05", "--jfc", jfc, "--out", dir.resolve("p.json").toString(), "--rounds", "1"
        });
    }

    /** The fixture run of chapter 05 (made-up figures, 1,000 µs/op), cut to one phase of one round in this window. */
    private static RunResult oneRound(String op, Instant start, Instant end) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode run =
                (ObjectNode) json.readTree(RecordingAnalysisTest.class.getResource("/fixtures/05-lite-http-s3.json"));
        ((ObjectNode) run.get("settings")).put("rounds", 1);
        ObjectNode phase = ((ObjectNode) run.get("phases").get(0)).deepCopy();
        phase.put("op", op)
                .put("rounds", 1)
                .put("cpuMicrosPerOp", 1_000.0)
                .put("startedAt", start.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("endedAt", end.truncatedTo(ChronoUnit.MILLIS).toString());
        ArrayNode phases = json.createArrayNode().add(phase);
        run.set("phases", phases);
        return json.treeToValue(run, RunResult.class);
    }
}
