package objectstore.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import objectstore.connection.Credentials;
import objectstore.connection.CredentialsLookup;
import objectstore.connection.Endpoints;
import objectstore.connection.RegionLookup;
import objectstore.connection.Target;
import objectstore.lite.LiteClients;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.lite.SigV4Signer;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.store.UserError;

/**
 * A small S3 command line on the lite client: mb, rb, ls, put, get, cp, rm and presign; on AWS S3 with nothing but what
 * {@code aws s3} needs (credentials, and a region or a profile that has one).
 *
 * <p>{@link #run} does the work and returns the exit code, so tests drive it directly; {@code main} only passes the
 * real streams and environment and exits with that code. Every failure is one line on stderr that names the problem and
 * the fix: exit 2 for bad usage, 1 for everything else.
 */
public final class LiteS3Cli {

    static final String USAGE = """
            usage: lite-s3 [--endpoint URL] [--region REGION] [--virtual-host | --path-style] VERB ARGS...
              mb s3://bucket                     create a bucket
              rb s3://bucket                     delete an empty bucket
              ls                                 list your buckets
              ls s3://bucket[/prefix]            list keys (all pages) with their sizes
              put FILE s3://bucket/key           upload a file
              get s3://bucket/key FILE           download to FILE, or to stdout with -
            %s
              rm s3://bucket/key                 delete an object
              presign s3://bucket/key [--put] [--expires SECONDS]
                                                 print a presigned GET (or PUT) URL, default 3600 s, at most 604800
            The endpoint is --endpoint, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else AWS S3 itself,
              https://s3.REGION.amazonaws.com.
            The region is --region, else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region in ~/.aws/config
              (AWS_PROFILE, else default; AWS_CONFIG_FILE names another file), else us-east-1. A bucket in another
              region is found: S3 says where it is and the request is signed again for it, once.
            Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else a profile
              (AWS_PROFILE, your user name, minio, default).
            Addressing: --virtual-host puts the bucket in the host name (https://bucket.s3.REGION.amazonaws.com/key),
              --path-style in the path (https://host/bucket/key); by default AWS endpoints get the first, others the second.
            https trusts the JDK's trust store (-Djavax.net.ssl.trustStore=FILE to change it).
            The key after s3://bucket/ is taken literally: no percent-decoding.""".formatted(Copy.USAGE);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    private LiteS3Cli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** A problem with how the command was called: printed with a pointer to --help, exit code 2. */
    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs one command and returns its exit code; output to {@code out}, the one-line error to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, LiteSettings.defaults());
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream, Map)}, the client opened from {@code settings} (tests bring a
     * name resolver or a trusted certificate this way; the options change the rest).
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, LiteSettings settings) {
        try {
            return execute(args, out, env, settings);
        } catch (UsageError e) {
            err.println("lite-s3: " + oneLine(e.getMessage()) + " (lite-s3 --help shows the usage)");
            return USAGE_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("lite-s3: " + oneLine(e.getMessage()));
            return USAGE_ERROR;
        } catch (UserError e) {
            err.println("lite-s3: " + oneLine(e.getMessage()));
            return FAILED;
        } catch (ObjectStoreException e) {
            err.println("lite-s3: the store answered " + oneLine(e.getMessage()) + hint(e.code()));
            return FAILED;
        } catch (StoreUnavailableException e) {
            err.println("lite-s3: " + oneLine(e.getMessage())
                    + (certificateRefused(e)
                            ? "; the server's certificate is not one the JDK trusts, or does not name the host (a trust store:"
                                    + " java -Djavax.net.ssl.trustStore=FILE, e.g. through JAVA_TOOL_OPTIONS)"
                            : "; check that the store runs and --endpoint (or AWS_ENDPOINT_URL) points at it"));
            return FAILED;
        } catch (RuntimeException e) {
            err.println(
                    "lite-s3: unexpected failure: " + oneLine(String.valueOf(e.getMessage())) + "; please report it");
            return FAILED;
        }
    }

    private static int execute(String[] args, PrintStream out, Map<String, String> env, LiteSettings settings) {
        // 1. Options anywhere on the line; the rest are the verb and its arguments, kept in order.
        String endpointOption = null;
        String region = null;
        LiteSettings.Addressing addressing = null;
        boolean presignPut = false;
        long expires = 3600;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return OK;
                }
                case "--endpoint" -> endpointOption = valueOf(args, ++i, "--endpoint");
                case "--region" -> region = valueOf(args, ++i, "--region");
                case "--virtual-host", "--path-style" -> {
                    LiteSettings.Addressing chosen = arg.equals("--virtual-host")
                            ? LiteSettings.Addressing.VIRTUAL
                            : LiteSettings.Addressing.PATH;
                    if (addressing != null && addressing != chosen) {
                        throw new UsageError("--virtual-host and --path-style exclude each other; give one");
                    }
                    addressing = chosen;
                }
                case "--put" -> presignPut = true;
                case "--expires" -> expires = parseExpires(valueOf(args, ++i, "--expires"));
                default -> {
                    if (arg.startsWith("--") && !Copy.OPTIONS.contains(arg)) {
                        throw new UsageError("unknown option " + arg);
                    }
                    words.add(arg);
                }
            }
        }
        if (words.isEmpty()) {
            throw new UsageError("no verb given; use one of mb, rb, ls, put, get, cp, rm, presign");
        }
        String verb = words.get(0);
        List<String> operands = words.subList(1, words.size());
        if (!verb.equals("cp") && operands.stream().anyMatch(Copy.OPTIONS::contains)) {
            throw new UsageError(String.join(", ", Copy.OPTIONS) + " belong to cp only");
        }

        // 2. Check the verb and its arguments before touching the network or the credentials.
        S3Location location = null;
        Copy copy = null;
        switch (verb) {
            case "cp" -> copy = Copy.parse(operands);
            case "ls" -> {
                if (operands.size() > 1) {
                    throw new UsageError("ls takes at most 1 argument, got " + operands.size());
                }
                // ls alone lists the buckets, as aws s3 ls does.
                location = operands.isEmpty() ? null : S3Location.parse(operands.get(0));
            }
            case "mb", "rb", "rm", "presign" -> {
                expectCount(verb, operands, 1);
                location = S3Location.parse(operands.get(0));
                location.requireKey(!verb.equals("mb") && !verb.equals("rb"), verb);
            }
            case "put" -> {
                expectCount(verb, operands, 2);
                location = S3Location.parse(operands.get(1));
                location.requireKey(true, verb);
            }
            case "get" -> {
                expectCount(verb, operands, 2);
                location = S3Location.parse(operands.get(0));
                location.requireKey(true, verb);
            }
            default ->
                throw new UsageError("unknown verb '" + verb + "'; use one of mb, rb, ls, put, get, cp, rm, presign");
        }
        if ((presignPut || expires != 3600) && !verb.equals("presign")) {
            throw new UsageError("--put and --expires belong to presign only");
        }
        byte[] upload = verb.equals("put") ? readFile(operands.get(0)) : null;

        // 3. Region, endpoint, credentials, client; closed when done so the JVM exits at once.
        Path home = Path.of(System.getProperty("user.home"));
        String signingRegion = region != null ? regionOption(region) : RegionLookup.resolve(env, home);
        URI endpoint = endpoint(endpointOption, env, signingRegion);
        // A redis:// endpoint carries its own password; S3 needs keys.
        Credentials credentials = endpoint.getScheme().startsWith("redis")
                ? null
                : CredentialsLookup.resolve(env, System.getProperty("user.name"), home);
        Target target = new Target(endpoint, credentials, signingRegion);
        LiteSettings chosen = settings.withMaxInFlight(8);
        if (addressing != null) {
            chosen = chosen.withAddressing(addressing);
        }
        if (copy != null) {
            return copy.run(target, chosen, out);
        }
        try (ObjectStore store = LiteClients.open(target, chosen)) {
            if (location == null) {
                for (String name : await(store.listBuckets())) {
                    out.println(name);
                }
                return OK;
            }
            String bucket = location.bucket;
            String key = location.key;
            switch (verb) {
                case "mb" -> {
                    await(store.createBucket(bucket));
                    out.println("created bucket s3://" + bucket);
                }
                case "rb" -> {
                    await(store.deleteBucket(bucket));
                    out.println("removed bucket s3://" + bucket);
                }
                case "ls" -> list(store, bucket, key, out);
                case "put" -> {
                    String eTag = await(store.putObject(bucket, key, upload));
                    out.println("uploaded " + operands.get(0) + " to s3://" + bucket + "/" + key + " (" + upload.length
                            + " bytes, ETag " + eTag + ")");
                }
                case "get" -> download(await(store.getObject(bucket, key)), operands.get(1), out);
                case "rm" -> {
                    await(store.deleteObject(bucket, key));
                    out.println("deleted s3://" + bucket + "/" + key);
                }
                case "presign" -> {
                    if (!(store instanceof LiteS3Client s3)) {
                        throw new UserError(
                                "presign needs an http:// or https:// endpoint; " + endpoint + " is not one");
                    }
                    out.println(s3.presign(presignPut ? "PUT" : "GET", bucket, key, expires));
                }
                default -> throw new IllegalStateException(verb);
            }
        }
        return OK;
    }

    /** Lists every page, one line per key: its size right-aligned, then the key as stored. */
    private static void list(ObjectStore store, String bucket, String prefix, PrintStream out) {
        String token = null;
        do {
            ListPage page = await(store.listObjects(bucket, prefix, token, 1000));
            for (ObjectInfo object : page.objects()) {
                String size = Long.toString(object.size());
                out.println(" ".repeat(Math.max(0, 12 - size.length())) + size + "  " + object.key());
            }
            token = page.nextContinuationToken();
        } while (token != null);
    }

    private static void download(byte[] data, String target, PrintStream out) {
        if (target.equals("-")) {
            out.write(data, 0, data.length);
            out.flush();
            return;
        }
        Path file = Path.of(target);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + " (" + e.getClass().getSimpleName()
                    + "); check the folder exists and is writable");
        }
        out.println("downloaded " + data.length + " bytes to " + file);
    }

    private static byte[] readFile(String name) {
        Path file = Path.of(name);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no file " + file + " to upload; check the path");
        } catch (IOException e) {
            throw new UserError(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + "); check it is a readable file");
        }
    }

    /** The endpoint: --endpoint, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else AWS S3 in the region. */
    private static URI endpoint(String option, Map<String, String> env, String region) {
        String value = option;
        String from = "--endpoint";
        for (String variable : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            if (value == null && env.get(variable) != null && !env.get(variable).isBlank()) {
                value = env.get(variable);
                from = variable;
            }
        }
        if (value == null) {
            return Endpoints.awsS3(region);
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError(
                    "endpoint '" + value + "' (from " + from + ") is not a URL; write it like http://localhost:9001");
        }
    }

    /** Waits for a future; its failure's cause is rethrown as it is, so run() can name it. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; nothing more was sent");
        }
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageError(option + " needs a value");
        }
        return args[index];
    }

    private static String regionOption(String region) {
        try {
            return RegionLookup.check(region, "--region");
        } catch (UserError e) {
            throw new UsageError(e.getMessage());
        }
    }

    private static long parseExpires(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 1 || seconds > SigV4Signer.MAX_PRESIGN_SECONDS) {
                throw new UsageError("--expires " + text + " is out of range; give 1 to 604800 seconds (7 days)");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UsageError("--expires " + text + " is not a number of seconds");
        }
    }

    private static void expectCount(String verb, List<String> operands, int count) {
        if (operands.size() != count) {
            throw new UsageError(
                    verb + " takes " + count + " argument" + (count == 1 ? "" : "s") + ", got " + operands.size());
        }
    }

    private static String hint(String code) {
        return switch (code) {
            case "NoSuchBucket" -> "; create the bucket with: lite-s3 mb s3://BUCKET";
            case "NoSuchKey" -> "; check the key with: lite-s3 ls s3://BUCKET/PREFIX";
            case "BucketNotEmpty" -> "; delete its objects first (lite-s3 rm)";
            case "BucketAlreadyOwnedByYou", "BucketAlreadyExists" -> "; pick another name or use the bucket as it is";
            case "SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied" ->
                "; check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or the profile) and --region";
            case "InvalidToken", "ExpiredToken" ->
                "; the session token (AWS_SESSION_TOKEN or the profile's) is not valid: get a new one";
            case "PermanentRedirect", "AuthorizationHeaderMalformed", "TemporaryRedirect" ->
                "; the bucket is in another region and following it once did not reach it: give its region with --region";
            default -> "";
        };
    }

    /** True when the TLS handshake failed: the certificate was not trusted or did not name the host. */
    private static boolean certificateRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || String.valueOf(t.getMessage()).contains("certificate_unknown")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }

    /** An s3://bucket/key argument; the key is everything after the first '/' following the bucket, taken literally. */
    private record S3Location(String bucket, String key) {

        static S3Location parse(String text) {
            if (!text.startsWith("s3://")) {
                throw new UsageError("'" + text + "' is not an s3:// URI; write s3://bucket/key");
            }
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new UsageError("'" + text + "' names no bucket; write s3://bucket/key");
            }
            return new S3Location(bucket, key);
        }

        void requireKey(boolean wanted, String verb) {
            if (wanted && key.isEmpty()) {
                throw new UsageError(verb + " needs s3://" + bucket + "/KEY, with a key");
            }
            if (!wanted && !key.isEmpty()) {
                throw new UsageError(verb + " takes a bucket only: s3://" + bucket);
            }
        }
    }
}
