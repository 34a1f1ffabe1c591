package objectstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import objectstore.harness.Chapter;
import objectstore.litehttp.LiteHttpS3PutGet;
import objectstore.literedis.LiteOverRedisPutGet;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import objectstore.testing.TestStores;
import objectstore.tools.LiteS3Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets never leave the process in text: runs that succeed and runs that fail, the command line, and every log line
 * at DEBUG are searched for the S3 secret key and the Redis password. The embedded stores listen on loopback only, with
 * credentials new for every start.
 */
class SecretsTest {

    @TempDir
    Path temp;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger objectstore;
    private Level levelBefore;

    @BeforeEach
    void debugLogging() {
        objectstore = (Logger) LoggerFactory.getLogger("objectstore");
        levelBefore = objectstore.getLevel();
        objectstore.setLevel(Level.DEBUG);
        logs.start();
        objectstore.addAppender(logs);
    }

    @AfterEach
    void quietAgain() {
        objectstore.detachAppender(logs);
        objectstore.setLevel(levelBefore);
    }

    /** Every log line, with its stack trace, as text. */
    String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Chapter 05 or 08, small: 30 objects of 100 bytes, 4 in flight, one round. */
    Outcome chapter(Chapter chapter, Map<String, String> env, String... args) {
        String[] small = {"--iterations", "30", "--size", "100", "--concurrency", "4", "--rounds", "1"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(small), java.util.Arrays.stream(args))
                .toArray(String[]::new);
        return ExperimentRuns.run(chapter, env, all);
    }

    @Test
    void theS3SecretIsInNoOutputLogOrResults() throws Exception {
        String secret = TestStores.s3().credentials().secretAccessKey();
        Path json = temp.resolve("r.json");
        Outcome passed =
                chapter(LiteHttpS3PutGet.CHAPTER, ExperimentRuns.externalS3Env(temp), "--json", json.toString());
        assertThat(passed.exitCode()).as(passed.err()).isZero();

        // A failing run: the right key id with a wrong secret, whose answer is SignatureDoesNotMatch.
        Map<String, String> wrong = new HashMap<>(ExperimentRuns.externalS3Env(temp));
        String wrongSecret = "wrong" + secret.substring(5);
        wrong.put("AWS_SECRET_ACCESS_KEY", wrongSecret);
        Outcome failed = chapter(LiteHttpS3PutGet.CHAPTER, wrong);
        assertThat(failed.exitCode()).isNotZero();

        ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        LiteS3Cli.run(
                new String[] {"ls", "s3://no-such-bucket-here"},
                new PrintStream(cliOut, true, StandardCharsets.UTF_8),
                new PrintStream(cliErr, true, StandardCharsets.UTF_8),
                ExperimentRuns.externalS3Env(temp));

        String everything = passed.out()
                + passed.err()
                + failed.out()
                + failed.err()
                + Files.readString(json)
                + cliOut.toString(StandardCharsets.UTF_8)
                + cliErr.toString(StandardCharsets.UTF_8)
                + logText();
        assertThat(logs.list).as("DEBUG lines were captured").isNotEmpty();
        assertThat(everything).doesNotContain(secret).doesNotContain(wrongSecret);
    }

    @Test
    @Tag("redis")
    void theRedisPasswordIsInNoOutputLogOrResults() throws Exception {
        String password = TestStores.redis().password();
        Path json = temp.resolve("r.json");
        Outcome passed = chapter(LiteOverRedisPutGet.CHAPTER, ExperimentRuns.redisEnv(temp), "--json", json.toString());
        assertThat(passed.exitCode()).as(passed.err()).isZero();

        Map<String, String> wrong = Map.of(
                "REDIS_URL",
                TestStores.redis().uri().toString().replace(password, "wrong" + password),
                "HOME",
                temp.toString());
        Outcome failed = chapter(LiteOverRedisPutGet.CHAPTER, wrong);
        assertThat(failed.exitCode()).isNotZero();

        String everything =
                passed.out() + passed.err() + failed.out() + failed.err() + Files.readString(json) + logText();
        assertThat(everything).doesNotContain(password);
    }

    @Test
    @Tag("redis")
    void embeddedStoresListenOnLoopbackOnlyWithCredentialsNewForEveryStart() throws Exception {
        Path parent = temp.resolve("stores");
        try (EmbeddedS3Proxy first = EmbeddedS3Proxy.start(Backend.MEMORY, parent);
                EmbeddedS3Proxy second = EmbeddedS3Proxy.start(Backend.MEMORY, parent);
                EmbeddedRedis redisA = TestStores.startRedis(parent);
                EmbeddedRedis redisB = TestStores.startRedis(parent)) {
            assertThat(first.credentials().secretAccessKey())
                    .isNotEqualTo(second.credentials().secretAccessKey());
            assertThat(first.credentials().accessKeyId())
                    .isNotEqualTo(second.credentials().accessKeyId());
            assertThat(redisA.password()).isNotEqualTo(redisB.password());
            assertThat(first.endpoint().getHost()).isEqualTo("127.0.0.1");

            Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                    .filter(nic -> !isLoopback(nic))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof java.net.Inet4Address)
                    .findFirst();
            for (int port : new int[] {first.endpoint().getPort(), redisA.port()}) {
                assertThat(accepts(InetAddress.getLoopbackAddress(), port))
                        .as("loopback port %d", port)
                        .isTrue();
                outside.ifPresent(address -> assertThat(accepts(address, port))
                        .as("%s port %d", address, port)
                        .isFalse());
            }
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
