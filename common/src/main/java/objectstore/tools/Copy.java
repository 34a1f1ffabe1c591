package objectstore.tools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.connection.Target;
import objectstore.lite.Downloaded;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.lite.Transfer;
import objectstore.lite.TransferSettings;
import objectstore.lite.Uploaded;
import objectstore.store.UserError;

/**
 * {@code lite-s3 cp}: a file to an object, or an object to a file, through the lite client's large-object transfers
 * ({@link LiteS3Client#upload}, {@link LiteS3Client#download}): multipart and in parallel ranges from 8 MiB on, as
 * {@code aws s3 cp} does, nothing of the object held in memory.
 *
 * <p>{@link #of} checks the operands and the options before anything touches the network; {@link #run} copies. On a
 * terminal a progress line follows the transfer ({@link ProgressLine}); piped, the output is the final line alone.
 * Ctrl-C runs the shutdown hook this class registers: a multipart upload is aborted, a partial download deleted, before
 * the JVM exits.
 */
final class Copy {

    /** How long the shutdown hook waits for the abort (or the file's deletion) before the JVM goes on exiting. */
    private static final long CLEANUP_SECONDS = 30;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    private final String bucket;
    private final String key;
    private final Path file;
    private final boolean upload;
    private final TransferSettings settings;

    private Copy(String bucket, String key, Path file, boolean upload, TransferSettings settings) {
        this.bucket = bucket;
        this.key = key;
        this.file = file;
        this.upload = upload;
        this.settings = settings;
    }

    /**
     * A copy from {@code source} to {@code destination}, one a file and the other an {@code s3://} URI; bad usage is an
     * {@link IllegalArgumentException} whose message names the fix.
     */
    static Copy of(String source, String destination, TransferSettings settings) {
        List<String> paths = List.of(source, destination);
        boolean up = !paths.get(0).startsWith("s3://");
        String local = paths.get(up ? 0 : 1);
        String remote = paths.get(up ? 1 : 0);
        if (!remote.startsWith("s3://") || local.startsWith("s3://")) {
            throw new IllegalArgumentException("cp copies a file to s3://bucket/key or s3://bucket/key to a file; got "
                    + paths.get(0) + " and " + paths.get(1));
        }
        if (local.equals("-")) {
            throw new IllegalArgumentException("cp copies files; for stdout use: get s3://bucket/key -");
        }
        String rest = remote.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + remote + "' names no bucket; write s3://bucket/key");
        }
        Path file = Path.of(local);
        if (up && (key.isEmpty() || key.endsWith("/"))) {
            key = key + file.getFileName(); // as aws s3 cp: under the file's own name
        }
        if (!up && key.isEmpty()) {
            throw new IllegalArgumentException("cp needs s3://" + bucket + "/KEY to download, with a key");
        }
        return new Copy(bucket, key, file, up, settings);
    }

    /** Copies, with a client for {@code target}; returns the exit code. Failures are thrown for the caller to name. */
    int run(Target target, LiteSettings clientSettings, PrintStream out) {
        String scheme = String.valueOf(target.endpoint().getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("http")) {
            throw new UserError("cp needs an http:// or https:// endpoint; " + target.endpoint() + " is not one");
        }
        int inFlight = Math.max(clientSettings.maxInFlight(), settings.parallel() + 1);
        try (LiteS3Client client = LiteS3Client.open(target, clientSettings.withMaxInFlight(inFlight))) {
            Path into = !upload && Files.isDirectory(file) ? file.resolve(lastName(key)) : file;
            // tag::interrupt[]
            // Ctrl-C: the JVM runs its shutdown hooks, and this one leaves nothing behind before it exits. It is in
            // place before the transfer starts, so no moment is left uncovered.
            Cleanup cleanup =
                    new Cleanup("interrupted; " + (upload ? "the upload was aborted" : "the partial file was deleted"));
            Runtime.getRuntime().addShutdownHook(cleanup);
            Transfer<?> transfer = cleanup.start(() ->
                    upload ? client.upload(bucket, key, into, settings) : client.download(bucket, key, into, settings));
            // end::interrupt[]
            try (ProgressLine progress = ProgressLine.onTerminal(transfer)) {
                Object done = transfer.await();
                progress.clear();
                out.println(upload ? uploaded((Uploaded) done) : downloaded((Downloaded) done));
            } catch (InterruptedException | CancellationException e) {
                if (shuttingDown(cleanup)) {
                    return LiteS3Cli.FAILED; // the hook says so, once the cleanup is done
                }
                throw new UserError(cleanup.stopped);
            } finally {
                shuttingDown(cleanup);
            }
        }
        return LiteS3Cli.OK;
    }

    /** Removes the hook; true when it cannot be, because the JVM is exiting and the hook runs. */
    private static boolean shuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException exiting) {
            return true;
        }
    }

    /**
     * The shutdown hook: once it runs, no transfer starts, and the one under way is cancelled and waited for (its
     * multipart upload aborted, its partial file deleted) before the JVM goes on exiting.
     */
    private static final class Cleanup extends Thread {
        final String stopped;
        private Transfer<?> transfer;
        private boolean exiting;

        Cleanup(String stopped) {
            super("lite-s3-cp-cleanup");
            this.stopped = stopped;
        }

        /** Starts the transfer, unless the JVM is exiting already (then it fails as interrupted). */
        synchronized Transfer<?> start(Supplier<Transfer<?>> transfer) {
            if (exiting) {
                throw new CancellationException(stopped);
            }
            this.transfer = transfer.get();
            return this.transfer;
        }

        @Override
        public void run() {
            Transfer<?> running;
            synchronized (this) {
                exiting = true;
                running = transfer;
            }
            if (running == null) {
                return;
            }
            try {
                running.cancel().get(CLEANUP_SECONDS, TimeUnit.SECONDS);
                System.err.println("lite-s3: " + stopped);
            } catch (TimeoutException e) {
                System.err.println("lite-s3: interrupted; the cleanup took more than " + CLEANUP_SECONDS
                        + " s: ListMultipartUploads shows what is left");
            } catch (InterruptedException | ExecutionException e) {
                System.err.println("lite-s3: " + stopped);
            }
        }
    }

    private String uploaded(Uploaded up) {
        return "uploaded " + file + " to s3://" + bucket + "/" + key + " (" + up.size() + " bytes"
                + (up.parts() > 0 ? " in " + up.parts() + " parts" : "") + ", ETag " + up.eTag()
                + (up.checksum() == null ? "" : ", " + up.checksumAlgorithm() + " " + up.checksum()) + ")";
    }

    private static String downloaded(Downloaded down) {
        return "downloaded s3://" + down.bucket() + "/" + down.key() + " to " + down.file() + " (" + down.size()
                + " bytes, ETag " + down.eTag()
                + (down.checksum() == null
                        ? ""
                        : ", " + down.checksumAlgorithm() + " " + down.checksum()
                                + (down.checkedByStore() ? " as the store keeps it" : ""))
                + ")";
    }

    private static String lastName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new UserError("the key " + key + " has no file name to download into a folder; name the file");
        }
        return name;
    }

    /** {@code 8MiB}, {@code 8M}, {@code 8MB} (binary, as aws s3 takes it), {@code 5242880}. */
    static long size(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "--part-size " + text + " is not a size; write it like 8MiB, 16M or 5242880");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("--part-size " + text + " is too large; S3's largest part is 5 GiB");
        }
        return value << shift;
    }
}
