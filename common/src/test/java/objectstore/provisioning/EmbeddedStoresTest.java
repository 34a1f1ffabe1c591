package objectstore.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoresTest {

    @TempDir
    Path temp;

    @Test
    void s3ProxyChecksSignaturesAndIsGoneAfterClose() throws Exception {
        long pid;
        Path workDir;
        try (EmbeddedS3Proxy s3 = EmbeddedS3Proxy.start(Backend.MEMORY, temp)) {
            pid = s3.pid();
            workDir = s3.workDir();
            assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
            // An unsigned request is refused: signature checking is on.
            HttpURLConnection http = (HttpURLConnection) s3.endpoint().toURL().openConnection();
            assertThat(http.getResponseCode()).isEqualTo(403);
            // The settings file with the secret does not outlive the start.
            assertThat(workDir.resolve("s3proxy.properties")).doesNotExist();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(workDir).doesNotExist();
    }

    @Test
    @Tag("redis")
    void redisNeedsItsPasswordAndIsGoneAfterClose() throws Exception {
        int port;
        try (EmbeddedRedis redis = TestStores.startRedis(temp)) {
            port = redis.port();
            assertThat(send(port, "PING\r\n")).startsWith("-NOAUTH");
            assertThat(send(port, "AUTH " + redis.password() + "\r\nPING\r\n")).contains("+PONG");
            assertThat(redis.product()).startsWith("Redis ");
            assertThat(redis.endpoint()).doesNotContain(redis.password());
        }
        assertThat(ChildProcess.accepts(port)).isFalse();
    }

    private static String send(int port, String commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(commands.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            StringBuilder got = new StringBuilder();
            int expectedLines = (int) commands.chars().filter(c -> c == '\n').count();
            while (got.chars().filter(c -> c == '\n').count() < expectedLines) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                got.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
            return got.toString();
        }
    }
}
