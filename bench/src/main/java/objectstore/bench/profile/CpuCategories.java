package objectstore.bench.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a CPU sample's time went: one category per sample, from its thread's name and its stack alone (a pure function
 * of the names, so it is tested on made-up stacks; see CpuCategoriesTest).
 *
 * <p>A sample of one of the JVM's own threads is the JVM's work, whatever its stack: the garbage collector's, the JIT
 * compilers', or the rest of the JVM's ({@link #THREADS}). A sample of any other thread that was running in the kernel
 * (its top frames are the kernel's) is the kernel's: a system call, or an interrupt taken on the way. Otherwise the
 * stack is walked from the top (the method that was running) down. At each frame the rules are tried in the table's
 * order; the first rule that matches decides, unless one of the frames below the frame is one the rule names as "unless
 * below" (a SHA-256 a signer asked for): then the frame passes the sample on to its caller. A frame no rule names (most
 * of the JDK: collections, strings, futures; native code such as memcpy or the JVM's allocation path) passes it on too,
 * so a HashMap lookup inside Netty is Netty's cost and an array comparison called by the harness is the harness's. Only
 * a stack in which no frame decides falls to {@code JDK} (when its top frame is the JDK's) or {@code other}.
 *
 * <p>Frames are named as {@link Profile#frames} writes them: {@code package.Class.method} for Java code,
 * {@code kernel:symbol} for the kernel's, {@code library:symbol} for other native code ({@code libc.so.6:__GI_write}).
 */
public final class CpuCategories {

    public static final String SIGNING = "signing";
    public static final String PAYLOAD_HASHING = "payload hashing";
    public static final String CHECKSUMS = "checksums";
    public static final String MARSHALLING = "marshalling";
    public static final String SDK_PIPELINE = "SDK pipeline";
    public static final String HTTP_CODEC = "HTTP encode and decode";
    public static final String HTTP_CLIENT = "HTTP client";
    public static final String NETTY = "Netty channels and buffers";
    public static final String REDIS_CLIENT = "Redis client";
    public static final String PROJECT_CLIENT = "project's client";
    public static final String HARNESS = "harness";
    public static final String KERNEL = "kernel";
    public static final String GC = "GC";
    public static final String JIT = "JIT";
    public static final String JVM = "JVM";
    public static final String JDK = "JDK";
    public static final String OTHER = "other";

    /** A kernel frame's name starts so. */
    public static final String KERNEL_FRAME = "kernel:";

    // tag::rules[]
    /*
     * The JVM's own threads, by name (a thread the JVM made for itself has only its OS name, cut to 15
     * characters: "C2 CompilerThre"). Their samples are theirs whatever the stack: G1's workers, the
     * compilers, and the rest (the VM thread's safepoints, the service threads, the profiler's timer).
     */
    static final List<Rule> THREADS = List.of(
            rule(GC, List.of("GC Thread*", "G1 *")),
            rule(JIT, List.of("C1 CompilerThre*", "C2 CompilerThre*")),
            rule(
                    JVM,
                    List.of(
                            "VM Thread",
                            "VM Periodic Task Thread",
                            "Service Thread",
                            "Monitor Deflation Thread",
                            "Notification Thread",
                            "Signal Dispatcher",
                            "Reference Handler",
                            "Finalizer",
                            "Common-Cleaner",
                            "Attach Listener",
                            "Async-profiler*",
                            "(no thread)")));

    /*
     * The frames of the three signers the book meets: the project's, the AWS SDK's (the current SRA signers
     * and the older ones), MinIO's. A digest or checksum frame with one of these below it is the signer's
     * work (its canonical request's hash, its HMACs): the walk goes on down to the signer.
     */
    private static final List<String> SIGNERS = List.of(
            "objectstore.lite.SigV4*", "software.amazon.awssdk.http.auth.*", "*.auth.signer.*", "io.minio.Signer.*");

    /*
     * HTTP on the wire: Netty's codec, and where AHC writes a request's headers or reads an answer's.
     */
    private static final List<String> HTTP_CODEC_FRAMES = List.of(
            "io.netty.handler.codec.http.*",
            "org.asynchttpclient.netty.request.NettyRequestFactory*",
            "org.asynchttpclient.netty.NettyResponse*",
            "org.asynchttpclient.netty.LazyResponseBodyPart*",
            "org.asynchttpclient.netty.handler.HttpHandler*");

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
            // HTTP on the wire: Netty's codec turning requests into bytes and bytes into answers, and the clients'
            // code that writes a request's headers or reads an answer's (AHC's request factory and response parts).
            rule(HTTP_CODEC, HTTP_CODEC_FRAMES),
            // The HTTP clients' own machinery: sending, the connection pool, timeouts, futures (AHC's, the SDK's HTTP
            // SPI and its clients, the CRT's, Apache's, OkHttp's).
            rule(
                    HTTP_CLIENT,
                    List.of(
                            "org.asynchttpclient.*",
                            "software.amazon.awssdk.http.*",
                            "software.amazon.awssdk.crt.*",
                            "org.apache.http.*",
                            "org.apache.hc.*",
                            "okhttp3.*",
                            "okio.*")),
            // Netty below any protocol: the event loop, channels and their pipelines, buffers; under Lettuce too. Its
            // buffers written by the HTTP codec are the codec's.
            rule(NETTY, List.of("io.netty.*"), HTTP_CODEC_FRAMES),
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
            HTTP_CODEC,
            HTTP_CLIENT,
            NETTY,
            REDIS_CLIENT,
            PROJECT_CLIENT,
            HARNESS,
            KERNEL,
            GC,
            JIT,
            JVM,
            JDK,
            OTHER);

    private CpuCategories() {}

    /** The category of a Java thread's stack given as "package.Class.method" names, the running method first. */
    public static String classify(List<String> frames) {
        return decide("main", frames).category();
    }

    /** The category of a sample of thread {@code thread}. */
    public static String classify(String thread, List<String> frames) {
        return decide(thread, frames).category();
    }

    /** A stack's category, and the frame that decided it (null when no rule matched). */
    public record Decision(String category, String frame) {}

    /** The category of a sample of thread {@code thread} with {@code frames}, and the frame that decided it. */
    public static Decision decide(String thread, List<String> frames) {
        for (Rule rule : THREADS) {
            if (rule.frames().matches(thread)) {
                return new Decision(rule.category(), frames.isEmpty() ? null : frames.getFirst());
            }
        }
        if (!frames.isEmpty() && frames.getFirst().startsWith(KERNEL_FRAME)) {
            return new Decision(KERNEL, systemCall(frames));
        }
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

    /*
     * Which kernel work a kernel sample was: the system call's own function (the frame just above the
     * kernel's syscall entry, e.g. kernel:__x64_sys_writev), else the bottom kernel frame (an interrupt's or
     * a page fault's entry).
     */
    private static String systemCall(List<String> frames) {
        String last = frames.getFirst();
        for (int i = 0; i < frames.size() && frames.get(i).startsWith(KERNEL_FRAME); i++) {
            if (i > 0 && frames.get(i).equals(KERNEL_FRAME + "do_syscall_64")) {
                return frames.get(i - 1);
            }
            last = frames.get(i);
        }
        return last;
    }

    /** The rules as a record states them: category, threads or frames, and the callers that make a rule not apply. */
    public static List<Map<String, Object>> describe() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : THREADS) {
            rules.add(
                    Map.of("category", rule.category(), "threads", rule.frames().globs()));
        }
        rules.add(Map.of(
                "category", KERNEL, "frames", List.of("(the top frame is the kernel's: " + KERNEL_FRAME + "*)")));
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

    /**
     * The category a single frame belongs to by the table alone (no "unless below"), for colouring a flame graph; null
     * for a frame no rule names.
     */
    static String ofFrame(String frame) {
        if (frame.startsWith(KERNEL_FRAME)) {
            return KERNEL;
        }
        for (Rule rule : RULES) {
            if (rule.frames().matches(frame)) {
                return rule.category();
            }
        }
        return JDK_FRAMES.matches(frame) ? JDK : null;
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
