package objectstore.bench.scaleout;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import objectstore.bench.Bench;
import objectstore.bench.Chapters;

/**
 * The container image's entry point (image/pom.xml): the first argument chooses what runs.
 *
 * <ul>
 *   <li>{@code 05-lite-http-s3 [options]} (or {@code 05}): that experiment's main, with its options;
 *   <li>{@code bench [options]}: the measuring commands (the bench module), e.g. {@code bench --merge /results/clients
 *       --out /results/merged.json}.
 * </ul>
 *
 * <p>Everything else comes from the environment, as for any chapter: the store (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, or REDIS_URL), a bucket of each client's own (OBJECTSTORE_BUCKET_SUFFIX) and the start
 * together (OBJECTSTORE_START_DIR, OBJECTSTORE_START_HOSTS).
 */
public final class Entrypoint {

    private Entrypoint() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            Bench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, System.out, System.err));
    }

    /** An experiment's main; the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Optional<Chapters.Chapter> chapter = Chapters.find(args[0]);
        if (chapter.isEmpty()) {
            err.println("entrypoint: no experiment '" + args[0] + "'; give one of " + Chapters.names() + ", or bench");
            return 2;
        }
        return chapter.get().experiment().main(Arrays.copyOfRange(args, 1, args.length));
    }

    static String usage() {
        return """
                usage: EXPERIMENT [options]   run an experiment, e.g. 05-lite-http-s3 --store external --json /results/clients/0.json
                       bench [options]        the measuring commands, e.g. bench --merge /results/clients --out /results/merged.json

                EXPERIMENT is one of: %s (or its number); EXPERIMENT --help lists its options.
                Several client hosts begin their rounds together when OBJECTSTORE_START_DIR (a folder they all
                see) and OBJECTSTORE_START_HOSTS (how many) are set; OBJECTSTORE_BUCKET_SUFFIX gives each a
                bucket of its own. docs/scale-out.md says how to run N clients and merge their results.
                """.formatted(Chapters.names());
    }
}
