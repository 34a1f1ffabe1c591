package objectstore.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another program's main class in a child JVM and stops it when the parent goes away.
 *
 * <p>The parent keeps the child's standard input open; when the parent exits for any reason (even {@code kill -9}) the
 * pipe closes, this watcher reads end-of-file and halts the child. No store is left running behind an experiment.
 *
 * <p>Usage: {@code java -cp ... objectstore.provisioning.ParentWatch MAIN_CLASS ARGS...}
 */
public final class ParentWatch {

    private ParentWatch() {}

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(ParentWatch::haltAtEndOfInput, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void haltAtEndOfInput() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[64];
            while (in.read(buffer) >= 0) {
                // nothing to do: the parent never writes, it only holds the pipe open
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file
        }
        Runtime.getRuntime().halt(0);
    }
}
