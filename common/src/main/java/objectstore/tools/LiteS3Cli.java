package objectstore.tools;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import objectstore.clients.StoreClients;
import objectstore.connection.Credentials;
import objectstore.connection.CredentialsLookup;
import objectstore.connection.Endpoints;
import objectstore.connection.RegionLookup;
import objectstore.connection.Target;
import objectstore.lite.LiteSettings;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * A small S3 command line on the lite client: mb, rb, ls, put, get, cp, rm and presign; on AWS S3 with nothing but what
 * {@code aws s3} needs (credentials, and a region or a profile that has one).
 *
 * <p>Each verb is a small picocli subcommand ({@link Verb}, in {@link Verbs}): its arguments, typed, and what it does
 * with the open store. This class holds what every verb shares: the options that say where the store is, opening the
 * client, and turning a failure into one line on stderr that names the problem and the fix, with exit code 2 for bad
 * usage and 1 for everything else. {@link #run} does the work and returns the exit code, so tests drive it directly;
 * {@code main} only passes the real streams and environment and exits with that code.
 */
@Command(
        name = "lite-s3",
        subcommands = {
            Verbs.Mb.class,
            Verbs.Rb.class,
            Verbs.Ls.class,
            Verbs.Put.class,
            Verbs.Get.class,
            Verbs.Cp.class,
            Verbs.Rm.class,
            Verbs.Presign.class
        },
        synopsisSubcommandLabel = "VERB",
        commandListHeading = "%nVerbs:%n",
        customSynopsis = "lite-s3 [--endpoint URL] [--region REGION] [--virtual-host | --path-style] VERB ARGS...%n",
        sortOptions = false,
        footer = {
            "%nThe endpoint is --endpoint, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else AWS S3 itself,",
            "  https://s3.REGION.amazonaws.com.",
            "The region is --region, else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region in",
            "  ~/.aws/config (AWS_PROFILE, else default; AWS_CONFIG_FILE names another file), else us-east-1. A bucket",
            "  in another region is found: S3 says where it is and the request is signed again for it, once.",
            "Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else a profile",
            "  (AWS_PROFILE, your user name, minio, default).",
            "Addressing: --virtual-host puts the bucket in the host name (https://bucket.s3.REGION.amazonaws.com/key),",
            "  --path-style in the path (https://host/bucket/key); by default AWS endpoints get the first, others the",
            "  second.",
            "https trusts the JDK's trust store (-Djavax.net.ssl.trustStore=FILE to change it).",
            "The key after s3://bucket/ is taken literally: no percent-decoding."
        })
public final class LiteS3Cli implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "the store: http(s):// for S3, redis:// for the Redis facade")
    String endpoint;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            scope = ScopeType.INHERIT,
            converter = RegionOption.class,
            description = "the region requests are signed for")
    String region;

    @Option(
            names = "--virtual-host",
            scope = ScopeType.INHERIT,
            description = "the bucket in the host name (excludes --path-style)")
    boolean virtualHost;

    @Option(names = "--path-style", scope = ScopeType.INHERIT, description = "the bucket in the path")
    boolean pathStyle;

    @Parameters(hidden = true)
    List<String> unknownVerb;

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Mixin
    CommandLines.Help help;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final LiteSettings settings;

    private LiteS3Cli(PrintStream out, PrintStream err, Map<String, String> env, LiteSettings settings) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.settings = settings;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
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
        CommandLine line = CommandLines.of(new LiteS3Cli(out, err, env, settings));
        line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> verbs(help.commandSpec()));
        return CommandLines.execute(line, args, out, err);
    }

    /** {@code lite-s3} without a verb, or with one it does not know. */
    @Override
    public Integer call() {
        String verbs = String.join(", ", spec.subcommands().keySet());
        err.println("lite-s3: "
                + (unknownVerb == null
                        ? "no verb given; use one of " + verbs
                        : "unknown verb '" + unknownVerb.getFirst() + "'; use one of " + verbs));
        return CommandLines.BAD_INPUT;
    }

    /** What a verb is: its arguments (picocli fields) and what it does with a client for the store. */
    abstract static class Verb implements Callable<Integer> {
        @CommandLine.ParentCommand
        LiteS3Cli cli;

        @CommandLine.Mixin
        CommandLines.Help help;

        /** Reads what the verb needs before any store is opened (put: its file); nothing by default. */
        void prepare() {}

        /** The verb's work with a client for {@code target} opened from {@code settings}; returns the exit code. */
        abstract int run(Target target, LiteSettings settings, PrintStream out);

        @Override
        public final Integer call() {
            return cli.execute(this);
        }
    }

    /** A verb of the ObjectStore API: the client the endpoint's scheme names, opened, used once, and closed. */
    abstract static class StoreVerb extends Verb {

        /** The verb's work on the open store, its answer to {@code out}. */
        abstract void run(ObjectStore store, PrintStream out);

        @Override
        final int run(Target target, LiteSettings settings, PrintStream out) {
            try (ObjectStore store = StoreClients.open(target, settings)) {
                run(store, out);
            }
            return OK;
        }
    }

    /** Opens the client the options and the environment name, runs {@code verb} on it, and maps a failure to a code. */
    private int execute(Verb verb) {
        try {
            if (virtualHost && pathStyle) {
                err.println("lite-s3: --virtual-host and --path-style exclude each other; give one");
                return CommandLines.BAD_INPUT;
            }
            verb.prepare();
            return verb.run(target(), chosenSettings(), out);
        } catch (IllegalArgumentException e) {
            err.println("lite-s3: " + oneLine(e.getMessage()));
            return CommandLines.BAD_INPUT;
        } catch (UserError e) {
            err.println("lite-s3: " + oneLine(e.getMessage()));
            return FAILED;
        } catch (ObjectStoreException e) {
            err.println("lite-s3: the store answered " + oneLine(e.getMessage()) + hint(e.code()));
            return FAILED;
        } catch (StoreUnavailableException e) {
            err.println("lite-s3: " + oneLine(e.getMessage())
                    + (certificateRefused(e)
                            ? "; the server's certificate is not one the JDK trusts, or does not name the host (a"
                                    + " trust store: java -Djavax.net.ssl.trustStore=FILE, e.g. through"
                                    + " JAVA_TOOL_OPTIONS)"
                            : "; check that the store runs and --endpoint (or AWS_ENDPOINT_URL) points at it"));
            return FAILED;
        } catch (RuntimeException e) {
            err.println(
                    "lite-s3: unexpected failure: " + oneLine(String.valueOf(e.getMessage())) + "; please report it");
            return FAILED;
        }
    }

    /** Region, endpoint and credentials: a redis:// endpoint carries its own password; S3 needs keys. */
    private Target target() {
        Path home = Path.of(System.getProperty("user.home"));
        String signingRegion = region != null ? region : RegionLookup.resolve(env, home);
        URI uri = endpoint(signingRegion);
        Credentials credentials = uri.getScheme().startsWith("redis")
                ? null
                : CredentialsLookup.resolve(env, System.getProperty("user.name"), home);
        return new Target(uri, credentials, signingRegion);
    }

    private LiteSettings chosenSettings() {
        LiteSettings chosen = settings.withMaxInFlight(8);
        if (virtualHost) {
            chosen = chosen.withAddressing(LiteSettings.Addressing.VIRTUAL);
        } else if (pathStyle) {
            chosen = chosen.withAddressing(LiteSettings.Addressing.PATH);
        }
        return chosen;
    }

    /** The endpoint: --endpoint, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else AWS S3 in the region. */
    private URI endpoint(String signingRegion) {
        String value = endpoint;
        String from = "--endpoint";
        for (String variable : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            if (value == null && env.get(variable) != null && !env.get(variable).isBlank()) {
                value = env.get(variable);
                from = variable;
            }
        }
        if (value == null) {
            return Endpoints.awsS3(signingRegion);
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

    /** Waits for a future; its failure's cause is rethrown as it is, so {@link #execute} can name it. */
    static <T> T await(CompletableFuture<T> future) {
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

    /** {@code --region}, checked before anything is sent. */
    static final class RegionOption implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String region) {
            try {
                return RegionLookup.check(region, "--region");
            } catch (UserError e) {
                throw new CommandLines.BadValue(e.getMessage());
            }
        }
    }

    /** The verbs, each with its arguments and what it does: the usage help's list, read from the subcommands. */
    private static String verbs(CommandSpec root) {
        StringBuilder text = new StringBuilder();
        for (CommandLine verb : root.subcommands().values()) {
            CommandSpec spec = verb.getCommandSpec();
            String form = spec.name()
                    + spec.positionalParameters().stream()
                            .map(p -> p.arity().min() == 0 ? " [" + p.paramLabel() + "]" : " " + p.paramLabel())
                            .collect(Collectors.joining())
                    + spec.options().stream()
                            .filter(o -> !o.usageHelp() && !o.inherited())
                            .map(o -> " [" + o.longestName() + (o.typeInfo().isBoolean() ? "" : " " + o.paramLabel())
                                    + "]")
                            .collect(Collectors.joining());
            String what = spec.usageMessage().description()[0];
            text.append(
                    form.length() < 34
                            ? String.format("  %-34s %s%n", form, what)
                            : String.format("  %s%n  %34s %s%n", form, "", what));
        }
        return text.toString();
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
                "; the bucket is in another region and following it once did not reach it: give its region with"
                        + " --region";
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
}
