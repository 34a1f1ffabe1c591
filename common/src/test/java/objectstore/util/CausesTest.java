package objectstore.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void rootSkipsTheFuturesWrappersOnly() {
        ConnectException refused = new ConnectException("Connection refused");
        IllegalStateException wrapper = new IllegalStateException("the client's own", refused);

        assertThat(Causes.root(new CompletionException(wrapper))).isSameAs(wrapper);
        assertThat(Causes.describe(new CompletionException(refused))).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void aConnectFailureIsItsReasonWithoutTheAddressOrTheNativeCall() {
        // Netty's NIO transport, then its epoll transport, as each reports a closed port; then a refused certificate.
        ConnectException nio = new ConnectException("Connection refused: /127.0.0.1:9001");
        ConnectException epoll =
                new ConnectException("finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:9001");
        ConnectException tls = new ConnectException(
                "(certificate_unknown) PKIX path building failed: sun.security...: unable to find ...");

        assertThat(Causes.connectFailure(nio)).isEqualTo("Connection refused");
        assertThat(Causes.connectFailure(epoll)).isEqualTo("Connection refused");
        assertThat(Causes.connectFailure(tls)).isEqualTo("(certificate_unknown) PKIX path building failed");
        assertThat(Causes.connectFailure(new ConnectException("connect timed out")))
                .isEqualTo("connect timed out");
        assertThat(Causes.connectFailure(new ConnectException())).isEqualTo("ConnectException");
    }
}
