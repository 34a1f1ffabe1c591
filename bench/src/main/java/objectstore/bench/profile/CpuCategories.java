package objectstore.bench.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a CPU sample's time went: one category per sample, from its stack alone (a pure function of the frames' names,
 * so it is tested on made-up stacks; see CpuCategoriesTest).
 *
 * <p>The stack is walked from the top (the method that was running) down. At each frame the rules are tried in the
 * table's order; the first rule that matches decides, unless one of the frames below the frame is one the rule names as
 * "unless below" (a SHA-256 a signer asked for): then the frame passes the sample on to its caller. A frame no rule
 * names (most of the JDK: collections, strings, futures, sockets) passes it on too, so a HashMap lookup inside Netty is
 * Netty's cost and an array comparison called by the harness is the harness's. Only a stack in which no frame decides
 * falls to {@code JDK} (when its top frame is the JDK's) or {@code other}.
 */
public final class CpuCategories {

    public static final String SIGNING = "signing";
    public static final String PAYLOAD_HASHING = "payload hashing";
    public static final String CHECKSUMS = "checksums";
    public static final String MARSHALLING = "marshalling";
    public static final String SDK_PIPELINE = "SDK pipeline";
    public static final String HTTP = "HTTP and network";
    public static final String REDIS_CLIENT = "Redis client";
    public static final String PROJECT_CLIENT = "project's client";
    public static final String HARNESS = "harness";
    public static final String JDK = "JDK";
    public static final String OTHER = "other";

    // tag::rules[]
    /*
     * The frames of the three signers the book meets: the project's, the AWS SDK's (the current SRA signers
     * and the older ones), MinIO's. A digest or checksum frame with one of these below it is the signer's
     * work (its canonical request's hash, its HMACs): the walk goes on down to the signer.
     */
    private static final List<String> SIGNERS = List.of(
            "objectstore.lite.SigV4*", "software.amazon.awssdk.http.auth.*", "*.auth.signer.*", "io.minio.Signer.*");

    /*
     * The rules, in the order they are tried on each frame. A pattern is a glob over the frame's
     * "package.Class.method" (* matches anything, dots included). With "unless below", a frame the rule
     * matches passes the sample on to its caller instead when a frame further down matches one of those.
     */
    static final List<Rule> RULES = List.of(
            // The body's SHA-256 (x-amz-content-sha256), where a signer computes it: payload hashing, not signing.
            rule(
                    PAYLOAD_HASHING,
                    List.of(
                            "objectstore.lite.SigV4Signer.sha256Hex",
                            "software.amazon.awssdk.http.auth.aws.internal.signer.*Checksummer*",
                            "software.amazon.awssdk.http.auth.aws.internal.signer.io.Checksum*")),
            // A signer's own code: canonical request, string to sign, signing key, HMACs; the SDK's auth schemes.
            rule(SIGNING, SIGNERS),
            // CRC checksums (the SDK's flexible checksums, the CRT's), whoever asks for them.
            rule(
                    CHECKSUMS,
                    List.of(
                            "java.util.zip.CRC32*",
                            "java.util.zip.Adler32*",
                            "java.util.zip.Checksum*",
                            "software.amazon.awssdk.crt.checksums.*",
                            "*.checksums.*Crc*",
                            "*.checksums.*XxHash*")),
            // Digests a client asks for itself (a body's hash, a Content-MD5): not a signer's, not SecureRandom's.
            rule(
                    PAYLOAD_HASHING,
                    List.of(
                            "java.security.MessageDigest*",
                            "sun.security.provider.DigestBase*",
                            "sun.security.provider.SHA*",
                            "sun.security.provider.MD5*",
                            "sun.security.provider.ByteArrayAccess*",
                            "io.minio.Digest*"),
                    concat(
                            SIGNERS,
                            List.of(
                                    "java.security.SecureRandom*",
                                    "sun.security.provider.SecureRandom*",
                                    "sun.security.provider.NativePRNG*"))),
            // The rest of the checksum code (the SDK's digest wrappers, its checksum settings), unless a signer uses
            // it.
            rule(CHECKSUMS, List.of("*.checksums.*"), SIGNERS),
            // Requests to bytes and bytes to responses: the SDK's protocols and marshallers, XML and JSON parsers.
            rule(
                    MARSHALLING,
                    List.of(
                            "software.amazon.awssdk.protocols.*",
                            "software.amazon.awssdk.*.transform.*",
                            "software.amazon.awssdk.*arshall*",
                            "software.amazon.awssdk.thirdparty.jackson.*",
                            "com.fasterxml.jackson.*",
                            "javax.xml.*",
                            "com.sun.org.apache.xerces.*",
                            "com.sun.xml.*",
                            "org.simpleframework.xml.*")),
            // The transport: HTTP clients (the SDK's HTTP SPI and its clients, the CRT's), and Netty, under Lettuce
            // too.
            rule(
                    HTTP,
                    List.of(
                            "software.amazon.awssdk.http.*",
                            "software.amazon.awssdk.crt.*",
                            "io.netty.*",
                            "org.asynchttpclient.*",
                            "org.apache.http.*",
                            "org.apache.hc.*",
                            "okhttp3.*",
                            "okio.*")),
            // The SDKs' own machinery: the AWS SDK's core, service and utility layers; the MinIO client's.
            rule(SDK_PIPELINE, List.of("software.amazon.awssdk.*", "io.minio.*")),
            rule(REDIS_CLIENT, List.of("io.lettuce.*", "redis.clients.*")),
            // The project's clients: the lite client (its signer is above), the Redis facade, the SDK adapter.
            rule(
                    PROJECT_CLIENT,
                    List.of("objectstore.lite.*", "objectstore.redis.*", "objectstore.sdk.*", "objectstore.store.*")),
            // The loop around the requests: the harness (test objects, their byte comparison, the recorder's
            // histograms) and the chapters' and peers' own code.
            rule(HARNESS, List.of("objectstore.*", "org.HdrHistogram.*")));
    // end::rules[]

    /** Stacks whose frames no rule names: the JDK's when the top frame is. */
    static final FrameGlob JDK_FRAMES = new FrameGlob(List.of("java.*", "javax.*", "jdk.*", "sun.*", "com.sun.*"));

    /** Every category, in the order a record lists them. */
    public static final List<String> ALL = List.of(
            SIGNING,
            PAYLOAD_HASHING,
            CHECKSUMS,
            MARSHALLING,
            SDK_PIPELINE,
            HTTP,
            REDIS_CLIENT,
            PROJECT_CLIENT,
            HARNESS,
            JDK,
            OTHER);

    private CpuCategories() {}

    /** The category of a stack given as "package.Class.method" names, the running method first. */
    public static String classify(List<String> frames) {
        return decide(frames).category();
    }

    /** A stack's category, and the frame that decided it (null when no rule matched). */
    public record Decision(String category, String frame) {}

    /** The category of a stack, and the frame that decided it. */
    public static Decision decide(List<String> frames) {
        next:
        for (int i = 0; i < frames.size(); i++) {
            for (Rule rule : RULES) {
                if (rule.frames().matches(frames.get(i))) {
                    if (rule.unlessBelow().matchesAny(frames, i + 1)) {
                        continue next; // a signer's digest, say: the walk goes on down to the signer
                    }
                    return new Decision(rule.category(), frames.get(i));
                }
            }
        }
        return new Decision(!frames.isEmpty() && JDK_FRAMES.matches(frames.getFirst()) ? JDK : OTHER, null);
    }

    /** The rules as a record states them: category, frames, and the callers that make a rule not apply. */
    public static List<Map<String, Object>> describe() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : RULES) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("category", rule.category());
            one.put("frames", rule.frames().globs());
            if (!rule.unlessBelow().globs().isEmpty()) {
                one.put("unlessBelow", rule.unlessBelow().globs());
            }
            rules.add(one);
        }
        rules.add(Map.of(
                "category",
                JDK,
                "frames",
                List.of("(no frame matched a rule, and the top frame is " + String.join(" ", JDK_FRAMES.globs())
                        + ")")));
        rules.add(Map.of("category", OTHER, "frames", List.of("(anything else)")));
        return rules;
    }

    /** One row of the table. */
    record Rule(String category, FrameGlob frames, FrameGlob unlessBelow) {}

    private static Rule rule(String category, List<String> frames) {
        return rule(category, frames, List.of());
    }

    private static Rule rule(String category, List<String> frames, List<String> unlessBelow) {
        return new Rule(category, new FrameGlob(frames), new FrameGlob(unlessBelow));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
