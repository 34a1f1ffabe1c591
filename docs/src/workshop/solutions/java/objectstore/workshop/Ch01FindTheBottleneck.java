package objectstore.workshop;

import java.util.List;
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
 * The solution: the profile shows most samples under S3Client.builder()...build() and client close (endpoint rules,
 * HTTP pool and executor set-up, a new connection per object), and the rest in two requests per object: store() built a
 * client for every object and sent a HeadBucket before each PUT. One client for the run, as chapter 01 says, and no
 * check the PUT itself makes (it fails with NoSuchBucket anyway).
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
        try (S3Client s3 = SdkClients.blocking(run.target(), 1)) {
            return run.measure(
                    SdkClients.describe("S3Client", "apache-client", 1),
                    List.of(
                            Phase.put(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.put(
                                            o,
                                            () -> s3.putObject(
                                                    b -> b.bucket(bucket).key(o.key()),
                                                    RequestBody.fromBytes(o.data())));
                                }
                            }),
                            Phase.get(Loop.OWN, (objects, rec) -> {
                                for (TestObject o : objects) {
                                    rec.get(
                                            o,
                                            () -> s3.getObjectAsBytes(b ->
                                                            b.bucket(bucket).key(o.key()))
                                                    .asByteArrayUnsafe());
                                }
                            })));
        }
    }

    private Ch01FindTheBottleneck() {}
}
