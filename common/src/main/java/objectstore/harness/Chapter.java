package objectstore.harness;

import java.util.List;
import java.util.Map;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Options.Extra;
import objectstore.provisioning.ProvisionedStore;
import objectstore.provisioning.StoreKind;

/**
 * One experiment of the book, described once: its name, its main class, the store it runs on, the original's defaults,
 * any options of its own, and the code that measures it. Its {@code main}, its tests and the suite all start from this
 * record.
 *
 * @param name its name in output and results, e.g. {@code 05-lite-http-s3}
 * @param mainClass the class whose {@code main} runs it (the suite starts it in a child JVM)
 * @param store what it runs on, and so how its bucket is made and removed
 * @param defaults iterations, object size and concurrency unless the options say otherwise
 * @param extras options of its own, e.g. chapter 02's {@code --threads}
 * @param measure the chapter's code: given a run, it measures its phases
 * @param provision how the chapter finds its store, when not as every chapter does ({@link Experiment}); null for that
 */
public record Chapter(
        String name,
        Class<?> mainClass,
        StoreKind store,
        Defaults defaults,
        List<Extra> extras,
        Measure measure,
        Provision provision) {

    /** A chapter's code: opens its client on the run's store and measures its phases. */
    @FunctionalInterface
    public interface Measure {
        RunResult measure(Run run) throws Exception;
    }

    /**
     * Finds (or starts) the store for a run with these options, before any bucket is made; may refuse the options with
     * a {@link objectstore.store.UserError} when the store could not hold what they ask for.
     */
    @FunctionalInterface
    public interface Provision {
        ProvisionedStore find(Options options, Map<String, String> env);
    }

    /** A chapter that finds its store as every chapter does. */
    public Chapter(
            String name, Class<?> mainClass, StoreKind store, Defaults defaults, List<Extra> extras, Measure measure) {
        this(name, mainClass, store, defaults, extras, measure, null);
    }

    /** A chapter with no options of its own. */
    public Chapter(String name, Class<?> mainClass, StoreKind store, Defaults defaults, Measure measure) {
        this(name, mainClass, store, defaults, List.of(), measure);
    }

    /**
     * Runs on this process's environment, printing to stdout and stderr; returns the exit code for {@code System.exit}.
     */
    public int main(String[] args) {
        return Experiment.run(this, args, System.getenv(), System.out, System.err);
    }

    /** This chapter under another name, measuring with other code (a workshop exercise of it, say). */
    public Chapter as(String otherName, Measure otherMeasure) {
        return new Chapter(otherName, mainClass, store, defaults, extras, otherMeasure, provision);
    }
}
