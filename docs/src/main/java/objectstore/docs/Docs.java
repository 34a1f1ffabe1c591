package objectstore.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import objectstore.docs.book.Book;
import objectstore.docs.ceiling.Ceiling;
import objectstore.docs.merge.Merge;
import objectstore.docs.profile.Profile;
import objectstore.provisioning.ModuleDir;

/**
 * The docs module's command: {@code ./mvnw -q -pl docs exec:java -Dexec.args="..."}.
 *
 * <ul>
 *   <li>{@code --book}: rewrites the book's generated parts from the committed records;
 *   <li>{@code --ceiling s3|redis}: a server's ceiling beside the project's best client ({@link Ceiling});
 *   <li>{@code --profile CHAPTER}: runs one chapter with JDK Flight Recorder and writes a profile record
 *       ({@link Profile});
 *   <li>{@code --merge}: the results of several client hosts as one ({@link Merge});
 *   <li>anything else: the suite, which runs the chapters ({@link Suite}, {@code --help} for its options).
 * </ul>
 */
public final class Docs {

    private Docs() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> given = Arrays.asList(args);
        if (given.contains("--profile")) {
            return Profile.run(args, ChildJvm.classpath(), ChildJvm.JVM_FLAGS, out, err);
        }
        if (given.contains("--merge")) {
            return Merge.run(args, out, err);
        }
        if (given.contains("--book")) {
            if (given.size() > 1) {
                err.println("book: --book takes no other option");
                return 2;
            }
            return book(ModuleDir.resolve(".."), out, err);
        }
        if (given.stream().anyMatch(arg -> arg.equals("--ceiling") || arg.startsWith("--ceiling="))) {
            return Ceiling.run(args, System.getenv(), out, err);
        }
        return Suite.run(args, out, err);
    }

    /** Rewrites every generated part; says which pages changed. */
    static int book(Path root, PrintStream out, PrintStream err) {
        try {
            List<Path> changed = Book.write(root);
            changed.forEach(page -> out.println("book: rewrote " + root.relativize(page)));
            out.println("book: "
                    + (changed.isEmpty()
                            ? "every generated part matches its records"
                            : changed.size() + " page(s) rewritten"));
            return 0;
        } catch (RuntimeException e) {
            err.println("book: " + e.getMessage());
            return 1;
        }
    }
}
