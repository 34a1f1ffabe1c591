package objectstore.litehttp;

import java.util.List;

import objectstore.common.Options.Defaults;
import objectstore.harness.AsyncLoops;
import objectstore.harness.Experiment;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.lite.LiteClients;
import objectstore.lite.LiteSettings;
import objectstore.store.ObjectStore;

/**
 * Chapter 05: the lite client, which signs AWS Signature V4 itself and talks to the S3 REST API over
 * async-http-client.
 */
public final class LiteHttpS3PutGet {

    /*
     * A general SDK does a lot per call: it resolves endpoint rules, runs interceptor chains, marshals
     * request objects, computes checksums, and wraps every byte in layers of abstraction. An S3 PUT is
     * one HTTP request with four signed headers. The lite client (objectstore.lite in common) goes from
     * the method call to that request directly: it builds the path, signs it with a key it derives once a
     * day, and hands it to async-http-client. docs/05-lite-http-s3.md walks through the signing.
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 connections.
     */
    static final Defaults DEFAULTS = new Defaults(10_000, 5_000, 1_000);

    public static void main(String[] args) {
        System.exit(Experiment.main("05-lite-http-s3", Experiment.Kind.S3, DEFAULTS, List.of(), args, LiteHttpS3PutGet::measure));
    }

    /*
     * This is chapter 04's code with a different client: the same AsyncLoops on the same ObjectStore
     * API. Chapter 08 calls this very method with a redis:// endpoint.
     */
    // tag::measure[]
    public static RunResult measure(Run run) throws Exception {
        int concurrency = run.options().concurrency();
        LiteSettings settings = LiteSettings.defaults().withMaxConnections(concurrency);
        if (run.s3Credentials() != null) {
            settings = settings.withRegion(run.s3().region());
        }
        try (ObjectStore store = LiteClients.open(run.endpoint(), run.s3Credentials(), settings)) {
            return run.measure(store, store.description(), AsyncLoops.phases(store, run.bucket(), concurrency));
        }
    }
    // end::measure[]

    private LiteHttpS3PutGet() {
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 05-lite-http-s3 exec:java
 *   ./mvnw -q -pl 05-lite-http-s3 exec:java -Dexec.args="--iterations 3000 --concurrency 200 --backend memory"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The same phases as chapter 04. On the in-memory S3Proxy, put_object and get_object at or above the
 *   SDK async client's rate, and well under half its client CPU per operation; the server, not the
 *   client, is now the limit. docs/05-lite-http-s3.md has the measured table.
 */
