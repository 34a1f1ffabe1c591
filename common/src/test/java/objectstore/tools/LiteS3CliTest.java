package objectstore.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line driven through {@code LiteS3Cli.run}, against S3Proxy, with the environment a map. */
class LiteS3CliTest {

    static EmbeddedS3Proxy store;
    static Map<String, String> env;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        store = TestStores.s3();
        env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", store.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey());
    }

    /** One run's exit code and what it printed. */
    record Result(int code, String out, String err, byte[] outBytes) {}

    static Result run(Map<String, String> environment, String... args) {
        return run(environment, LiteSettings.defaults(), args);
    }

    static Result run(Map<String, String> environment, LiteSettings settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LiteS3Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment,
                settings);
        return new Result(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    static Result run(String... args) {
        return run(env, args);
    }

    @Test
    void aWholeSessionMbPutLsGetPresignRmRb() throws Exception {
        String bucket = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "dir/with space ü+plus%2Fnot-a-slash";
        byte[] data = "hello from the command line\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(temp.resolve("upload.txt"), data);

        assertThat(run("mb", "s3://" + bucket).code()).isZero();
        Result put = run("put", file.toString(), "s3://" + bucket + "/" + key);
        assertThat(put.code()).as(put.err()).isZero();

        Result ls = run("ls", "s3://" + bucket + "/dir/");
        assertThat(ls.code()).isZero();
        assertThat(ls.out().strip()).isEqualTo(data.length + "  " + key);

        Path copy = temp.resolve("copy.txt");
        assertThat(run("get", "s3://" + bucket + "/" + key, copy.toString()).code())
                .isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        Result toStdout = run("get", "s3://" + bucket + "/" + key, "-");
        assertThat(toStdout.code()).isZero();
        assertThat(toStdout.outBytes()).isEqualTo(data);

        Result presign = run("presign", "s3://" + bucket + "/" + key, "--expires", "120");
        assertThat(presign.code()).isZero();
        assertThat(presign.out()).contains("X-Amz-Expires=120").contains("%2B").contains("%252F");
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(presign.out().strip()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(data);

        assertThat(run("rm", "s3://" + bucket + "/" + key).code()).isZero();
        assertThat(run("ls", "s3://" + bucket).out()).isEmpty();
        assertThat(run("rb", "s3://" + bucket).code()).isZero();
    }

    @Test
    void helpPrintsTheUsage() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("presign s3://bucket/key")
                .contains("--virtual-host")
                .contains("--path-style")
                .contains("AWS_REGION")
                .contains("AWS_PROFILE")
                .contains("AWS_SESSION_TOKEN");
    }

    @Test
    void lsWithoutABucketListsTheBuckets() {
        String first = "cli-ls-a-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "cli-ls-b-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(run("mb", "s3://" + second).code()).isZero();
        assertThat(run("mb", "s3://" + first).code()).isZero();
        Result ls = run("ls");
        assertThat(ls.code()).as(ls.err()).isZero();
        List<String> names = ls.out().lines().toList();
        assertThat(names).contains(first, second).isSorted();
        assertThat(run("rb", "s3://" + first).code()).isZero();
        assertThat(run("rb", "s3://" + second).code()).isZero();
        assertThat(run("ls").out().lines()).doesNotContain(first, second);
    }

    /* With no endpoint the command line is an AWS client: presign sends nothing, so the URL shows where requests
     * would go. */
    @Test
    void withNoEndpointItTargetsAwsInTheRegionLookedUp() throws Exception {
        Map<String, String> aws = new HashMap<>(Map.of(
                "AWS_ACCESS_KEY_ID",
                "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY",
                "not-a-real-secret",
                "AWS_REGION",
                "eu-west-3"));
        assertThat(run(aws, "presign", "s3://my-bucket/a key").out())
                .startsWith("https://my-bucket.s3.eu-west-3.amazonaws.com/a%20key?")
                .contains("X-Amz-Credential=AKIDEXAMPLE%2F")
                .contains("%2Feu-west-3%2Fs3%2Faws4_request");
        assertThat(run(aws, "--path-style", "presign", "s3://my-bucket/k").out())
                .startsWith("https://s3.eu-west-3.amazonaws.com/my-bucket/k?");
        assertThat(run(aws, "presign", "s3://my.dotted.bucket/k").out())
                .startsWith("https://s3.eu-west-3.amazonaws.com/my.dotted.bucket/k?");
        assertThat(run(aws, "--region", "ap-south-1", "presign", "s3://my-bucket/k")
                        .out())
                .startsWith("https://my-bucket.s3.ap-south-1.amazonaws.com/k?");

        // No AWS_REGION: the profile's region in the config file, AWS_PROFILE naming the profile.
        aws.remove("AWS_REGION");
        Path config = Files.writeString(
                temp.resolve("config"), "[default]\nregion = us-west-2\n[profile work]\nregion = sa-east-1\n");
        aws.put("AWS_CONFIG_FILE", config.toString());
        assertThat(run(aws, "presign", "s3://my-bucket/k").out())
                .startsWith("https://my-bucket.s3.us-west-2.amazonaws.com/k?");
        aws.put("AWS_PROFILE", "work");
        aws.put("AWS_SESSION_TOKEN", "a-token");
        assertThat(run(aws, "presign", "s3://my-bucket/k").out())
                .startsWith("https://my-bucket.s3.sa-east-1.amazonaws.com/k?")
                .contains("X-Amz-Credential=AKIDEXAMPLE%2F")
                .contains("X-Amz-Security-Token=a-token");

        assertOneLineError(run(aws, "--region", "eu west 3", "ls"), 2, "is not a region name");
        assertOneLineError(run(aws, "--virtual-host", "--path-style", "ls"), 2, "exclude each other");
    }

    /*
     * The flags against an S3Proxy that serves buckets virtual-hosted under localhost; the client sends
     * bucket.localhost to loopback by itself.
     */
    @Test
    void theAddressingFlagsWorkOnAVirtualHostingStore() throws Exception {
        EmbeddedS3Proxy virtualHosting = TestStores.virtualHostS3();
        Map<String, String> vhost = new HashMap<>(env);
        vhost.put("AWS_ENDPOINT_URL", virtualHosting.endpoint().toString());
        vhost.put("AWS_ACCESS_KEY_ID", virtualHosting.credentials().accessKeyId());
        vhost.put("AWS_SECRET_ACCESS_KEY", virtualHosting.credentials().secretAccessKey());
        LiteSettings defaults = LiteSettings.defaults();
        String bucket = "cli-vhost-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(temp.resolve("v.txt"), "virtual\n");
        String port = ":" + virtualHosting.endpoint().getPort();

        assertThat(run(vhost, defaults, "--virtual-host", "mb", "s3://" + bucket)
                        .code())
                .isZero();
        assertThat(run(vhost, defaults, "--virtual-host", "put", file.toString(), "s3://" + bucket + "/a key")
                        .code())
                .isZero();
        assertThat(run(vhost, defaults, "--virtual-host", "ls", "s3://" + bucket)
                        .out()
                        .strip())
                .isEqualTo("8  a key");
        assertThat(run(vhost, defaults, "--virtual-host", "get", "s3://" + bucket + "/a key", "-")
                        .out())
                .isEqualTo("virtual\n");
        assertThat(run(vhost, defaults, "--virtual-host", "ls").out().lines()).contains(bucket);
        assertThat(run(vhost, defaults, "--virtual-host", "presign", "s3://" + bucket + "/a key")
                        .out())
                .startsWith("http://" + bucket + ".localhost" + port + "/a%20key?");
        assertThat(run(vhost, defaults, "--path-style", "presign", "s3://" + bucket + "/a key")
                        .out())
                .startsWith("http://localhost" + port + "/" + bucket + "/a%20key?");
        assertThat(run(vhost, defaults, "presign", "s3://" + bucket + "/a key").out())
                .as("not AWS: path-style unless told")
                .startsWith("http://localhost" + port + "/" + bucket + "/a%20key?");
        assertThat(run(vhost, defaults, "--path-style", "get", "s3://" + bucket + "/a key", "-")
                        .out())
                .isEqualTo("virtual\n");
        assertThat(run(vhost, defaults, "--virtual-host", "rm", "s3://" + bucket + "/a key")
                        .code())
                .isZero();
        assertThat(run(vhost, defaults, "--virtual-host", "rb", "s3://" + bucket)
                        .code())
                .isZero();
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertOneLineError(run("frobnicate", "s3://b"), 2, "unknown verb 'frobnicate'");
        assertOneLineError(run(), 2, "no verb");
        assertOneLineError(run("ls", "http://not-s3"), 2, "not an s3:// URI");
        assertOneLineError(run("get", "s3://bucket-only", "-"), 2, "with a key");
        assertOneLineError(run("presign", "s3://b/k", "--expires", "604801"), 2, "604800");
        assertOneLineError(run("mb", "s3://Bad_Name"), 2, "invalid bucket name");
    }

    @Test
    void failuresAreOneLineAndExitOne() throws Exception {
        assertOneLineError(run("put", temp.resolve("missing.txt").toString(), "s3://some-bucket/k"), 1, "no file");
        assertOneLineError(run("get", "s3://no-such-bucket-here/k", "-"), 1, "NoSuchBucket");

        Map<String, String> unreachable = new HashMap<>(env);
        URI closed = TestStores.closedHttpEndpoint();
        unreachable.put("AWS_ENDPOINT_URL", closed.toString());
        assertOneLineError(run(unreachable, "ls", "s3://any-bucket"), 1, "cannot connect to " + closed);

        Map<String, String> wrongSecret = new HashMap<>(env);
        wrongSecret.put("AWS_SECRET_ACCESS_KEY", "wrong");
        assertOneLineError(run(wrongSecret, "ls", "s3://any-bucket"), 1, "SignatureDoesNotMatch");

        assertOneLineError(
                run("--endpoint", "redis://127.0.0.1:1", "ls", "s3://any-bucket"),
                1,
                "cannot connect to redis://127.0.0.1:1");
        assertOneLineError(run("--endpoint", "ftp://localhost", "ls", "s3://any-bucket"), 1, "scheme 'ftp'");
    }

    @Test
    @Tag("redis")
    void theSameVerbsWorkOnARedisEndpoint() throws Exception {
        String redis = objectstore.testing.TestStores.redis().uri().toString();
        Path file = temp.resolve("upload.bin");
        byte[] data = new byte[3000];
        new java.util.Random(8).nextBytes(data);
        java.nio.file.Files.write(file, data);
        Map<String, String> noKeys = Map.of("HOME", temp.toString());

        assertThat(run(noKeys, "--endpoint", redis, "mb", "s3://cli-redis").code())
                .isZero();
        assertThat(run(noKeys, "--endpoint", redis, "put", file.toString(), "s3://cli-redis/dir/a key+%2F")
                        .code())
                .isZero();
        Result listed = run(noKeys, "--endpoint", redis, "ls", "s3://cli-redis/dir/");
        assertThat(listed.out()).contains("dir/a key+%2F").contains("3000");
        Path back = temp.resolve("back.bin");
        assertThat(run(noKeys, "--endpoint", redis, "get", "s3://cli-redis/dir/a key+%2F", back.toString())
                        .code())
                .isZero();
        assertThat(java.nio.file.Files.readAllBytes(back)).isEqualTo(data);
        assertOneLineError(run(noKeys, "--endpoint", redis, "rb", "s3://cli-redis"), 1, "BucketNotEmpty");
        assertThat(run(noKeys, "--endpoint", redis, "rm", "s3://cli-redis/dir/a key+%2F")
                        .code())
                .isZero();
        assertThat(run(noKeys, "--endpoint", redis, "rb", "s3://cli-redis").code())
                .isZero();
        assertOneLineError(run(noKeys, "--endpoint", redis, "presign", "s3://cli-redis/k"), 1, "presign needs an http");
        // The same name rules, in the same words, as on an http endpoint.
        Result refusedOnRedis = run(noKeys, "--endpoint", redis, "mb", "s3://a..b");
        assertOneLineError(refusedOnRedis, 2, "invalid bucket name 'a..b': it must not contain '..'");
        assertThat(refusedOnRedis.err()).isEqualTo(run("mb", "s3://a..b").err());
        Result all = run(noKeys, "--endpoint", redis, "ls", "s3://cli-redis");
        assertThat(all.err())
                .contains("NoSuchBucket")
                .doesNotContain(objectstore.testing.TestStores.redis().password());
    }

    static void assertOneLineError(Result result, int code, String fragment) {
        assertThat(result.code()).as(result.err()).isEqualTo(code);
        assertThat(result.err()).startsWith("lite-s3: ").contains(fragment).endsWith(System.lineSeparator());
        assertThat(result.err().strip())
                .doesNotContain("\n")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }
}
