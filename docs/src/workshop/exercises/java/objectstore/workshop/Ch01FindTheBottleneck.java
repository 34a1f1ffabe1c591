package objectstore.workshop;

import java.util.List;
import objectstore.connection.Target;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chapter 01, with a profiler: this run is slower than chapter 01 and burns more CPU per operation. Find out why with
 * JDK Flight Recorder, not by reading the code first.
 *
 * <pre>
 *   MAVEN_OPTS="-XX:StartFlightRecording=filename=docs/target/ch01.jfr,settings=profile" \
 *     ./mvnw -q -pl docs -Pworkshop compile exec:java -Dexec.mainClass=objectstore.workshop.Ch01FindTheBottleneck \
 *     -Dexec.args="--iterations 300 --backend memory"
 *   jfr view hot-methods docs/target/ch01.jfr
 *   jfr print --events jdk.ExecutionSample docs/target/ch01.jfr | grep 'line:' | sort | uniq -c | sort -rn | head -30
 * </pre>
 *
 * <p>The results JSON's {@code phases[].cpuMicrosPerOp} for put_object is the figure to bring down: the check runs this
 * experiment and chapter 01's loop on the same store and expects put_object to cost no more than twice the CPU per
 * operation of chapter 01's (as written it costs several times as much).
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch01FindTheBottleneckCheck}
 */
public final class Ch01FindTheBottleneck {

    public static final Chapter CHAPTER = new Chapter(
            "ch01-find-the-bottleneck",
            Ch01FindTheBottleneck.class,
            StoreKind.S3,
            new Defaults(1_000, 5_000, 1),
            Ch01FindTheBottleneck::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    public static RunResult measure(Run run) throws Exception {
        String bucket = run.bucket();
        try (S3Client reader = SdkClients.blocking(run.target(), 1)) {
            return run.measure(
                    SdkClients.describe("S3Client", "apache-client", 1),
                    List.of(

                            // TODO goal: find with JFR what costs this loop its CPU, and put_object's cpuMicrosPerOp
                            // comes down to chapter 01's
                            Phase.put(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.put(o, () -> store(run.target(), bucket, o));
                                }
                            }),
                            Phase.get(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.get(
                                            o,
                                            () -> reader.getObjectAsBytes(b ->
                                                            b.bucket(bucket).key(o.key()))
                                                    .asByteArrayUnsafe());
                                }
                            })));
        }
    }

    /** Stores one object, once its bucket is known to be there. */
    static void store(Target target, String bucket, TestObject o) {
        try (S3Client s3 = SdkClients.blocking(target, 1)) {
            s3.headBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key(o.key()), RequestBody.fromBytes(o.data()));
        }
    }

    private Ch01FindTheBottleneck() {}
}
