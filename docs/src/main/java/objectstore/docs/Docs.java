package objectstore.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import objectstore.bench.Bench;
import objectstore.docs.book.Book;
import objectstore.provisioning.ModuleDir;

/**
 * The docs module's command: {@code ./mvnw -q -pl docs exec:java -Dexec.args="--book"} rewrites the book's generated
 * parts from the committed records ({@link Book}). Any other arguments go to the measuring commands of the bench module
 * ({@link Bench}: the suite, {@code --ceiling}, {@code --profile}, {@code --merge}), so that the commands the pages
 * print work from either module.
 */
public final class Docs {

    private Docs() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--book")) {
            if (args.length > 1) {
                err.println("book: --book takes no other option");
                return 2;
            }
            return book(ModuleDir.resolve(".."), out, err);
        }
        return Bench.run(args, out, err);
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
