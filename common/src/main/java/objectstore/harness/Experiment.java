package objectstore.harness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import objectstore.provisioning.BucketLifecycle;
import objectstore.provisioning.ModuleDir;
import objectstore.provisioning.ProvisionedStore;
import objectstore.provisioning.StoreKind;
import objectstore.provisioning.StoreSession;
import objectstore.provisioning.StoreStartException;
import objectstore.provisioning.Stores;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.store.UserError;
import objectstore.util.Causes;

/**
 * The plumbing around every chapter's loop: parse the options, find the store and say which it is, create the bucket,
 * measure, print and write the results, and clean up (a {@link StoreSession}), also when the run fails half-way.
 *
 * <p>Returns the process exit code: 0 when every phase verified every object, 1 when the run failed, 2 for bad input.
 * Problems are one line on stderr; no stack trace unless {@code -Dobjectstore.trace=true}.
 */
public final class Experiment {

    private Experiment() {}

    /** Runs {@code chapter} with {@code args} in {@code env}; the testable form of {@link Chapter#main}. */
    public static int run(Chapter chapter, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String name = chapter.name();
        Options options;
        String bucket;
        StartGate gate;
        try {
            options = Options.parse(name, chapter.defaults(), chapter.extras(), args);
            bucket = BucketLifecycle.bucketName(name, env.get(BucketLifecycle.SUFFIX_VARIABLE));
            gate = StartGate.from(env);
        } catch (UserError e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(Options.usage(name, chapter.defaults(), chapter.extras()));
            return 0;
        }
        out.printf(
                "%s: %,d objects of %,d bytes, concurrency %,d, %d rounds after a warm-up of %,d%s%n",
                name,
                options.iterations(),
                options.size(),
                options.concurrency(),
                options.rounds(),
                options.warmup(),
                options.extras().isEmpty() ? "" : ", " + options.extras());

        try (StoreSession session = StoreSession.open(
                chapter.store(),
                kind -> chapter.provision() != null ? chapter.provision().find(options, env) : find(kind, options, env),
                bucket)) {
            out.println(session.info().line());
            if (session.credentialsLine() != null) {
                out.println(session.credentialsLine());
            }
            session.createBucket();
            RunResult result = chapter.measure().measure(new Run(options, session, out, gate));
            Summary.print(result, out);
            writeJson(result, options, out);
            session.deleteBucket();
            if (!result.passed()) {
                err.println(name + ": FAILED: some operations failed or were not verified (see above)");
                return 1;
            }
            return 0;
        } catch (UserError e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(name + ": " + oneLine(e));
            if (Boolean.getBoolean("objectstore.trace")) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The store the options and the environment name for a chapter of this kind. */
    private static ProvisionedStore find(StoreKind kind, Options options, Map<String, String> env) {
        return kind == StoreKind.S3
                ? Stores.s3(options.store(), options.backend(), options.endpoint(), env)
                : Stores.redis(options.store(), options.redis(), options.redisServer(), env);
    }

    private static void writeJson(RunResult result, Options options, PrintStream out) throws Exception {
        Path always = ModuleDir.resolve("target/results/" + options.experiment() + ".json");
        ResultsJson.write(result, always);
        out.println("results JSON: " + always.toAbsolutePath().normalize());
        if (options.json() != null) {
            ResultsJson.write(result, options.json());
            out.println("results JSON: " + options.json().toAbsolutePath().normalize());
        }
    }

    /** A failure as one line: what failed and why, without wrapper exceptions. */
    static String oneLine(Throwable e) {
        Throwable cause = Causes.root(e);
        while (cause.getClass() == RuntimeException.class && cause.getCause() != null) {
            cause = Causes.root(cause.getCause());
        }
        if (cause instanceof StoreStartException
                || cause instanceof StoreUnavailableException
                || cause instanceof ObjectStoreException
                || cause instanceof Harness.WarmupFailed
                || cause instanceof Harness.StoreLost) {
            return cause.getMessage();
        }
        return Causes.describe(cause);
    }
}
