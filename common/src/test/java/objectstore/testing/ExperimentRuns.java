package objectstore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import objectstore.harness.Chapter;
import objectstore.harness.Experiment;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.lite.LiteS3Client;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.provisioning.StoreKind;
import objectstore.store.ObjectStoreException;

/** Runs an experiment's main logic in-process against a real store, capturing what it prints. */
public final class ExperimentRuns {

    private ExperimentRuns() {}

    /** What a run printed and returned. */
    public record Outcome(int exitCode, String out, String err) {

        /** Asserts the run failed cleanly: non-zero, one line on stderr, no stack trace. */
        public Outcome failedWithOneLine() {
            assertThat(exitCode).as("exit code; out=%s err=%s", out, err).isNotZero();
            assertThat(err.strip().lines().count()).as("stderr lines: %s", err).isEqualTo(1);
            assertThat(out + err).doesNotContain("\tat ").doesNotContain("Exception in thread");
            return this;
        }
    }

    /** Runs {@code chapter} in-process with these arguments and environment. */
    public static Outcome run(Chapter chapter, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Experiment.run(chapter, args, env, o, e);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code iterations} objects of {@code chapter} (plus {@code more} arguments) against the store {@code env}
     * names, and asserts exit 0, every JSON field, every object verified, and nothing left behind: the bucket gone from
     * S3, or no key left in Redis. Returns the results JSON.
     */
    public static JsonNode assertVerifiedEndToEnd(
            Chapter chapter, Path temp, Map<String, String> env, int iterations, String... more) throws Exception {
        Path json = temp.resolve(chapter.name() + ".json");
        List<String> args = new java.util.ArrayList<>(
                List.of("--iterations", Integer.toString(iterations), "--json", json.toString()));
        args.addAll(List.of(more));
        Outcome outcome = run(chapter, env, args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: external");
        JsonNode results = assertVerifiedResults(json, chapter.name(), iterations);
        if (chapter.store() == StoreKind.S3) {
            assertBucketGone(objectstore.provisioning.BucketLifecycle.bucketName(chapter.name()));
        } else {
            assertRedisEmpty();
        }
        return results;
    }

    /**
     * Runs {@code chapter} on a Redis Cluster: the shared embedded one reached by REDIS_URL (found to be a cluster by
     * INFO cluster) unless {@code more} says {@code --store cluster}, which starts one of the run's own. Asserts exit
     * 0, every object verified, store.cluster naming three masters that all held keys after the first PUT phase, and no
     * key left on any master of the shared cluster.
     */
    public static JsonNode assertVerifiedOnCluster(Chapter chapter, Path temp, int iterations, String... more)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", temp.toString());
        if (System.getenv("REDIS_SERVER") != null) {
            env.put("REDIS_SERVER", System.getenv("REDIS_SERVER"));
        }
        boolean embedded = String.join(" ", more).contains("--store cluster");
        if (!embedded) {
            env.put("REDIS_URL", TestStores.cluster().uri().toString());
        }
        Path json = temp.resolve(chapter.name() + "-cluster.json");
        List<String> args = new java.util.ArrayList<>(
                List.of("--iterations", Integer.toString(iterations), "--json", json.toString()));
        args.addAll(List.of(more));
        Outcome outcome = run(chapter, env, args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out())
                .contains(embedded ? "store: embedded Redis Cluster" : "store: external Redis Cluster")
                .contains(", 3 masters");
        JsonNode results = assertVerifiedResults(json, chapter.name(), iterations);
        JsonNode cluster = results.path("store").path("cluster");
        assertThat(cluster.path("masters").asInt()).isEqualTo(3);
        assertThat(cluster.path("keysPerMaster"))
                .hasSize(3)
                .allSatisfy(
                        keys -> assertThat(keys.asLong()).as("keys on a master").isPositive());
        long total = 0;
        for (JsonNode keys : cluster.path("keysPerMaster")) {
            total += keys.asLong();
        }
        assertThat(total).as("keys on all masters after the first PUT phase").isEqualTo(iterations);
        if (!embedded) {
            assertThat(objectstore.provisioning.RedisKeys.countPerMaster(
                            TestStores.cluster().uri(), "*"))
                    .as("keys left on each master")
                    .containsOnly(0L);
        }
        return results;
    }

    /** The environment of the store {@code chapter} runs on: {@link #externalS3Env} or {@link #redisEnv}. */
    public static Map<String, String> envFor(Chapter chapter, Path home) {
        return chapter.store() == StoreKind.S3 ? externalS3Env(home) : redisEnv(home);
    }

    /** The environment of an external S3 store: the shared embedded S3Proxy, reached by endpoint and keys. */
    public static Map<String, String> externalS3Env(Path home) {
        EmbeddedS3Proxy s3 = TestStores.s3();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", s3.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", s3.credentials().secretAccessKey());
        env.put("HOME", home.toString());
        return env;
    }

    /** The environment of an external Redis: the shared embedded redis-server, reached by REDIS_URL. */
    public static Map<String, String> redisEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", TestStores.redis().uri().toString());
        env.put("HOME", home.toString());
        return env;
    }

    /** Asserts the shared Redis holds no keys: every run removes what it wrote. */
    public static void assertRedisEmpty() {
        io.lettuce.core.RedisClient client =
                io.lettuce.core.RedisClient.create(TestStores.redis().uri().toString());
        try (var connection = client.connect()) {
            assertThat(connection.sync().keys("*")).as("keys left in Redis").isEmpty();
        } finally {
            client.shutdown();
        }
    }

    /** The number of keys in the shared Redis (DBSIZE). */
    public static long redisDbSize() {
        io.lettuce.core.RedisClient client =
                io.lettuce.core.RedisClient.create(TestStores.redis().uri().toString());
        try (var connection = client.connect()) {
            return connection.sync().dbsize();
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }

    /** The keys of the shared Redis that SCAN MATCH {@code pattern} finds. */
    public static List<String> redisKeysMatching(String pattern) {
        List<String> keys = new java.util.ArrayList<>();
        io.lettuce.core.RedisClient client =
                io.lettuce.core.RedisClient.create(TestStores.redis().uri().toString());
        try (var connection = client.connect()) {
            io.lettuce.core.ScanArgs match =
                    io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(1000);
            io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
            do {
                io.lettuce.core.KeyScanCursor<String> page = connection.sync().scan(cursor, match);
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
        return keys;
    }

    /** Asserts the bucket no longer exists on the shared S3 store. */
    public static void assertBucketGone(String bucket) {
        try (LiteS3Client admin = LiteS3Client.of(TestStores.s3().target())) {
            assertThatThrownBy(() -> admin.listObjects(bucket, "", null, 1).join())
                    .as("bucket %s should be gone", bucket)
                    .hasCauseInstanceOf(ObjectStoreException.class)
                    .cause()
                    .satisfies(
                            e -> assertThat(((ObjectStoreException) e).code()).isEqualTo("NoSuchBucket"));
        }
    }

    /** This JVM's child processes: compare before and after a run to see that nothing was left running. */
    public static Set<Long> childProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /**
     * Asserts a results JSON has every documented field, errors 0 and verified == items in every phase, a put_object
     * and a get_object phase of {@code iterations} items; returns it.
     */
    public static JsonNode assertVerifiedResults(Path json, String experiment, int iterations) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("experiment").asText()).isEqualTo(experiment);
        for (String field : List.of("kind", "product", "backend", "endpoint")) {
            assertThat(root.path("store").has(field)).as("store.%s", field).isTrue();
        }
        for (String field : List.of("iterations", "size", "concurrency", "rounds")) {
            assertThat(root.path("settings").has(field))
                    .as("settings.%s", field)
                    .isTrue();
        }
        assertThat(root.path("settings").path("iterations").asInt()).isEqualTo(iterations);
        assertThat(root.path("date").asText()).isNotBlank();
        assertThat(root.path("machine").path("cores").asInt()).isPositive();
        assertThat(root.path("passed").asBoolean()).isTrue();
        JsonNode phases = root.path("phases");
        assertThat(phases.size()).isGreaterThanOrEqualTo(3);
        boolean put = false;
        boolean get = false;
        for (JsonNode phase : phases) {
            String op = phase.path("op").asText();
            for (String field : List.of(
                    "items", "errors", "verified", "itemsPerSecond", "mibPerSecond", "latencyMs", "cpuMicrosPerOp")) {
                assertThat(phase.has(field)).as("%s.%s", op, field).isTrue();
            }
            for (String field : List.of("p50", "p99", "max")) {
                assertThat(phase.path("latencyMs").has(field))
                        .as("%s.latencyMs.%s", op, field)
                        .isTrue();
            }
            assertThat(phase.path("errors").asLong()).as("%s errors", op).isZero();
            assertThat(phase.path("items").asInt()).as("%s items", op).isEqualTo(iterations);
            assertThat(phase.path("verified").asLong()).as("%s verified", op).isEqualTo(iterations);
            assertThat(phase.path("itemsPerSecond").asDouble())
                    .as("%s rate", op)
                    .isPositive();
            // Process CPU time comes in the kernel's 10 ms ticks: a phase of a few milliseconds may read 0.
            assertThat(phase.path("cpuMicrosPerOp").asDouble()).as("%s cpu", op).isNotNegative();
            Phase.Kind kind = Phase.Kind.fromJson(phase.path("kind").asText());
            Loop loop = Loop.fromJson(phase.path("loop").asText());
            assertThat(op).as("%s: its kind", op).startsWith(kind.op());
            // A counted loop's name carries its count, and chapter 09 names its phases by their client.
            if (!loop.counted() && loop != Loop.FILE_TRANSFER) {
                assertThat(op).as("%s: its loop", op).contains(loop.words());
            }
            put |= kind == Phase.Kind.PUT;
            get |= kind == Phase.Kind.GET;
        }
        assertThat(put && get).as("a put_object and a get_object phase").isTrue();
        return root;
    }
}
