package objectstore.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import objectstore.bench.ceiling.Ceiling;
import objectstore.bench.merge.Merge;
import objectstore.bench.micro.Micro;
import objectstore.bench.profile.Profile;

/**
 * The measuring commands: {@code ./mvnw -q -pl bench exec:java -Dexec.args="..."}.
 *
 * <ul>
 *   <li>{@code --ceiling s3|redis}: a server's ceiling beside the project's best client ({@link Ceiling});
 *   <li>{@code --profile CHAPTER}: runs one chapter with JDK Flight Recorder and writes a profile record
 *       ({@link Profile});
 *   <li>{@code --merge}: the results of several client hosts as one ({@link Merge});
 *   <li>{@code --charts-only}: the suite's table and charts drawn again from the results JSON in {@code --out}, running
 *       nothing ({@link Redraw});
 *   <li>{@code --micro signing|facade}: micro-benchmarks measured by JMH ({@link Micro});
 *   <li>anything else: the suite, which runs the chapters ({@link Suite}, {@code --help} for its options).
 * </ul>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> given = Arrays.asList(args);
        if (given.contains("--profile")) {
            return Profile.run(args, ChildJvm.classpath(), ChildJvm.JVM_FLAGS, out, err);
        }
        if (given.contains("--charts-only")) {
            return Redraw.run(args, out, err);
        }
        if (given.contains("--merge")) {
            return Merge.run(args, out, err);
        }
        if (given.stream().anyMatch(arg -> arg.equals("--micro") || arg.startsWith("--micro="))) {
            return Micro.run(args, ChildJvm.classpath(), ChildJvm.JVM_FLAGS, out, err);
        }
        if (given.stream().anyMatch(arg -> arg.equals("--ceiling") || arg.startsWith("--ceiling="))) {
            return Ceiling.run(args, System.getenv(), out, err);
        }
        return Suite.run(args, out, err);
    }
}
