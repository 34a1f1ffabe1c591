package objectstore.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedS3Proxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image the build wrote (target/jib-image.tar, by Jib, with no Docker daemon): a manifest, a config whose entry
 * point runs the project's Entrypoint with the image's own Java, and layers that hold that Java, the libraries it needs
 * and the whole classpath. Then, where this test runs as root, the layers unpacked and run the way a container runtime
 * would start them (own root, own /proc, user 65532): two chapter runs against an S3Proxy on loopback and their merge.
 */
class ImageTarTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TAR = Path.of(System.getProperty("image.tar", "target/jib-image.tar"));

    /** The outer tar's small files (manifest.json, config.json) and every layer's digests. */
    private static final Map<String, byte[]> FILES = new HashMap<>();
    /**
     * Per layer file, in the tar's order: the SHA-256 of its gzip bytes and of the tar inside, and its entries by path.
     */
    private static final Map<String, Layer> LAYERS = new LinkedHashMap<>();
    /** The classpath Jib wrote for the entry point (/app/jib-classpath-file). */
    private static String classpath;

    record Layer(String compressedSha256, String sha256, Map<String, Tar.Entry> entries) {}

    @BeforeAll
    static void readTheTar() throws Exception {
        assertThat(TAR)
                .as("the image tar: build it with ./mvnw verify -Pimage -pl image")
                .isRegularFile();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(TAR))) {
            Tar.read(in, (entry, content) -> {
                if (entry.name().endsWith(".tar.gz")) {
                    LAYERS.put(entry.name(), layer(content));
                } else if (entry.isFile()) {
                    FILES.put(entry.name(), content.readAllBytes());
                }
            });
        }
    }

    @Test
    void theManifestNamesTheConfigAndEveryLayerWhoseDigestsMatch() throws Exception {
        JsonNode manifest = JSON.readTree(FILES.get("manifest.json"));
        assertThat(manifest.size()).as("one image in the tar").isEqualTo(1);
        JsonNode image = manifest.get(0);
        assertThat(image.path("RepoTags").get(0).asText())
                .isEqualTo(System.getProperty("image.name", "object-store-experiments:1.0.0-SNAPSHOT"));
        assertThat(FILES).containsKey(image.path("Config").asText());

        JsonNode config = JSON.readTree(FILES.get(image.path("Config").asText()));
        List<String> layers = new ArrayList<>();
        image.path("Layers").forEach(l -> layers.add(l.asText()));
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(layers).as("layers").hasSizeGreaterThanOrEqualTo(4).hasSameSizeAs(diffIds);
        assertThat(LAYERS.keySet())
                .as("the layers in the tar, in the manifest's order")
                .containsExactlyElementsOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = LAYERS.get(layers.get(i));
            assertThat(layer).as("layer %s in the tar", layers.get(i)).isNotNull();
            // A layer file is named by the digest of its gzip bytes; the config lists the digest of the tar inside.
            assertThat(layers.get(i)).isEqualTo(layer.compressedSha256() + ".tar.gz");
            assertThat(diffIds.get(i)).isEqualTo("sha256:" + layer.sha256());
        }
    }

    @Test
    void theConfigRunsTheEntrypointWithTheImagesJavaAsUser65532() throws Exception {
        JsonNode config = JSON.readTree(FILES.get("config.json"));
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        List<String> entrypoint = strings(config.path("config").path("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint)
                .containsSubsequence("-cp", "@/app/jib-classpath-file")
                .endsWith("objectstore.bench.scaleout.Entrypoint");
        assertThat(entrypoint).contains("-Dobjectstore.module.dir=/tmp/objectstore", "-XX:MaxRAMPercentage=75");
        assertThat(strings(config.path("config").path("Env")))
                .contains("JAVA_HOME=/opt/java/openjdk")
                .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/openjdk/bin:"));
        assertThat(config.path("config").path("User").asText()).isEqualTo("65532:65532");
        assertThat(config.path("config").path("WorkingDir").asText()).isEqualTo("/tmp");
    }

    @Test
    void theLayersHoldTheJavaItsLibrariesAndTheWholeClasspath() {
        Map<String, Tar.Entry> all = new HashMap<>();
        LAYERS.values().forEach(l -> all.putAll(l.entries()));

        assertThat(all.get("opt/java/openjdk/bin/java").mode()).isEqualTo(0755);
        assertThat(all.get("lib64/ld-linux-x86-64.so.2").mode())
                .as("the loader named in java's ELF header")
                .isEqualTo(0755);
        assertThat(all)
                .containsKeys(
                        "opt/java/openjdk/lib/server/libjvm.so",
                        "opt/java/openjdk/lib/server/classes.jsa",
                        "opt/java/openjdk/lib/modules",
                        "opt/java/openjdk/lib/security/cacerts",
                        "lib/x86_64-linux-gnu/libc.so.6",
                        "lib/x86_64-linux-gnu/libm.so.6",
                        "etc/passwd",
                        "etc/nsswitch.conf",
                        "app/jib-classpath-file");
        assertThat(all.get("tmp/").mode())
                .as("/tmp, writable by the image's user")
                .isEqualTo(0777);

        assertThat(classpath).as("app/jib-classpath-file").isNotNull();
        List<String> jars = List.of(classpath.split(":")).stream()
                .filter(e -> e.endsWith(".jar"))
                .toList();
        assertThat(jars)
                .hasSizeGreaterThan(50)
                .allSatisfy(jar -> assertThat(all).containsKey(jar.substring(1)));
        for (String module : List.of(
                "common",
                "bench",
                "01-blocking-s3",
                "02-thread-pool-s3",
                "03-async-executor-s3",
                "04-sdk-async-s3",
                "05-lite-http-s3",
                "06-blocking-redis",
                "07-async-redis",
                "08-lite-over-redis")) {
            assertThat(all).containsKey("app/libs/" + module + "-1.0.0-SNAPSHOT.jar");
        }
    }

    /*
     * What a container runtime does with the image, without one: unpack the layers in order into a
     * folder, then start the entry point with that folder as its root, a /proc of its own and the
     * image's user, in the image's environment. unshare (util-linux) does that much, as root. The
     * network is this machine's, so the runs reach an S3Proxy on loopback.
     */
    @Test
    void theUnpackedImageRunsTwoClientsAndMergesThem(@TempDir Path temp) throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "running the unpacked image needs root (unshare --root); skipped");
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/unshare")),
                "running the unpacked image needs /usr/bin/unshare; skipped");
        Path root = Files.createDirectories(temp.resolve("root"));
        unpack(root);
        // What a runtime gives every container besides the image: a mount point for its /proc, and /dev's
        // basic devices (the JVM seeds SecureRandom from /dev/urandom; without it, startup takes seconds).
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        for (String device : List.of("null 1 3", "zero 1 5", "random 1 8", "urandom 1 9")) {
            String[] d = device.split(" ");
            Process mknod = new ProcessBuilder(
                            "mknod",
                            "-m",
                            "666",
                            root.resolve("dev").resolve(d[0]).toString(),
                            "c",
                            d[1],
                            d[2])
                    .inheritIO()
                    .start();
            assertThat(mknod.waitFor()).as("mknod /dev/%s", d[0]).isZero();
        }
        JsonNode config = JSON.readTree(FILES.get("config.json")).path("config");

        Run help = run(root, config, Map.of(), "05-lite-http-s3", "--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("--iterations=N");

        try (EmbeddedS3Proxy store = EmbeddedS3Proxy.start(Backend.MEMORY, temp)) {
            for (String host : List.of("host-a", "host-b")) {
                Map<String, String> env = Map.of(
                        "AWS_ENDPOINT_URL",
                        store.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID",
                        store.credentials().accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY",
                        store.credentials().secretAccessKey(),
                        "OBJECTSTORE_BUCKET_SUFFIX",
                        host);
                Run client = run(
                        root,
                        config,
                        env,
                        "05-lite-http-s3",
                        "--store",
                        "external",
                        "--iterations",
                        "50",
                        "--concurrency",
                        "10",
                        "--rounds",
                        "1",
                        "--warmup",
                        "0",
                        "--json",
                        "/tmp/results/" + host + ".json");
                assertThat(client.code()).as(client.output()).isZero();
                assertThat(client.output()).contains("store: external").contains("verified 50/50");
            }
        }
        Run merge = run(root, config, Map.of(), "bench", "--merge", "/tmp/results", "--out", "/tmp/merged.json");
        assertThat(merge.code()).as(merge.output()).isZero();
        assertThat(merge.output())
                .contains("merge: 2 hosts of 05-lite-http-s3 (host-a, host-b)")
                .contains("merge: WARNING: put_object (await each): the hosts' windows do not overlap");
        JsonNode merged = JSON.readTree(root.resolve("tmp/merged.json").toFile());
        assertThat(merged.path("merge").path("hosts").asInt()).isEqualTo(2);
        assertThat(merged.path("phases").get(0).path("verified").asLong()).isEqualTo(100);
    }

    /* ------------------------------------------------------------ helpers */

    record Run(int code, String output) {}

    private static Run run(Path root, JsonNode config, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/unshare",
                "--fork",
                "--pid",
                "--mount",
                "--mount-proc=/proc",
                "--root=" + root,
                "--wd=" + config.path("WorkingDir").asText(),
                "--setuid",
                user(config, 0),
                "--setgid",
                user(config, 1)));
        command.addAll(strings(config.path("Entrypoint")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        for (String e : strings(config.path("Env"))) {
            builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        builder.environment().putAll(extraEnv);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Run run = new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        System.out.printf(
                "$ IMAGE %s  (exit %d, %.1f s)%n%s%n",
                String.join(" ", args), run.code(), (System.nanoTime() - start) / 1e9, run.output());
        return run;
    }

    private static String user(JsonNode config, int part) {
        return config.path("User").asText().split(":")[part];
    }

    /**
     * Unpacks every layer into {@code root}, with each entry's permissions: in one pass, the tar holding them in the
     * manifest's order.
     */
    private static void unpack(Path root) throws IOException {
        assertThat(LAYERS.keySet())
                .containsExactlyElementsOf(
                        strings(JSON.readTree(FILES.get("manifest.json")).get(0).path("Layers")));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(TAR))) {
            Tar.read(in, (entry, content) -> {
                if (entry.name().endsWith(".tar.gz")) {
                    Tar.read(new GZIPInputStream(content), (file, bytes) -> write(root, file, bytes));
                }
            });
        }
    }

    private static void write(Path root, Tar.Entry entry, InputStream bytes) throws IOException {
        Path target = root.resolve(entry.name()).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalStateException("a layer entry outside the root: " + entry.name());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else if (entry.isFile()) {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                bytes.transferTo(out);
            }
        } else {
            throw new IllegalStateException("an entry of type " + entry.type() + " in a layer: " + entry.name());
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(entry.mode())));
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    private static Layer layer(InputStream compressed) throws IOException {
        try {
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            Map<String, Tar.Entry> entries = new LinkedHashMap<>();
            DigestInputStream gz = new DigestInputStream(compressed, outer);
            DigestInputStream tar = new DigestInputStream(new GZIPInputStream(gz), inner);
            Tar.read(tar, (entry, content) -> {
                entries.put(entry.name(), entry);
                if (entry.name().equals("app/jib-classpath-file")) {
                    classpath = new String(content.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
            });
            tar.transferTo(OutputStream.nullOutputStream()); // the tar's end blocks count in its digest
            gz.transferTo(OutputStream.nullOutputStream());
            return new Layer(
                    HexFormat.of().formatHex(outer.digest()), HexFormat.of().formatHex(inner.digest()), entries);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
