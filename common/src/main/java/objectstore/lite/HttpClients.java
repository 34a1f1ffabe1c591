package objectstore.lite;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import objectstore.util.LibraryVersion;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.AsyncHttpClientConfig;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.Request;
import org.asynchttpclient.SslEngineFactory;
import org.asynchttpclient.channel.DefaultKeepAliveStrategy;
import org.asynchttpclient.channel.KeepAliveStrategy;

/** The async-http-client a {@link Transport} sends with: each setting chosen for S3, and why. */
final class HttpClients {

    static final String AHC_VERSION =
            LibraryVersion.of(AsyncHttpClient.class, "org.asynchttpclient", "async-http-client");

    /** The chunk a file body is read in where it cannot be sent by sendfile (https). */
    private static final int FILE_CHUNK = 64 * 1024;

    /** The most of a body read from the socket, and handed to the collector, at once. */
    private static final int BODY_PIECE = 1024 * 1024;

    /*
     * Whether a connection goes back to the pool after an answer. AHC's default strategy scans the
     * request's and the answer's headers for "Connection: close" with Netty's comma-splitting search, three
     * scans per answer: in a profile of the S3 ceiling, nearly as much of the event loop's time as decoding
     * the answers. The requests are ours and never ask to close, so one lookup of each header that can say
     * otherwise decides; only an answer that carries one goes through the default strategy.
     */
    private static final KeepAliveStrategy KEEP_ALIVE = new KeepAliveStrategy() {
        private final KeepAliveStrategy byTheRules = new DefaultKeepAliveStrategy();

        @Override
        public boolean keepAlive(
                InetSocketAddress remote, Request ahcRequest, HttpRequest request, HttpResponse response) {
            HttpHeaders headers = response.headers();
            if (headers.get(HttpHeaderNames.CONNECTION) == null
                    && headers.get(HttpHeaderNames.PROXY_CONNECTION) == null) {
                return response.protocolVersion().isKeepAliveDefault();
            }
            return byTheRules.keepAlive(remote, ahcRequest, request, response);
        }
    };

    private HttpClients() {}

    /** The client for {@code settings}, its connections counted and paced by {@code pacing}. */
    static AsyncHttpClient open(LiteSettings settings, ConnectionPacing pacing) {
        /*
         * One AsyncHttpClient for the client's life: its event loop and connection pool are the
         * expensive part. URL encoding is off because we send the path we signed, byte for byte;
         * body parts arrive LAZY (Netty's own buffers) so a GET copies each byte once, into its array.
         * AHC's maxConnections stays unlimited: it fails requests beyond it, our Permits queue them.
         * AHC's own retry is off: every retry is ours, decided by one rule and counted. https trusts the
         * JDK's trust store (AHC's own SSL context, host names checked) unless the settings bring an
         * SSLContext of their own.
         */
        DefaultAsyncHttpClientConfig.Builder config = new DefaultAsyncHttpClientConfig.Builder()
                .setConnectTimeout(settings.connectTimeout())
                .setRequestTimeout(settings.requestTimeout())
                .setReadTimeout(settings.readTimeout())
                .setDisableUrlEncodingForBoundRequests(true)
                .setResponseBodyPartFactory(AsyncHttpClientConfig.ResponseBodyPartFactory.LAZY)
                .setFollowRedirect(false)
                /*
                 * An object's bytes come back as stored. AHC would inflate gzip and deflate answers, so an
                 * object stored with Content-Encoding: gzip would come back as other bytes; S3 clients
                 * leave the encoding to the caller (it is the object's metadata, not the transfer's), and
                 * a GET's answer skips a decoder in the pipeline.
                 */
                .setEnableAutomaticDecompression(false)
                .setKeepAlive(true)
                .setKeepAliveStrategy(KEEP_ALIVE)
                .setMaxRequestRetry(0)
                // S3 sets no cookies: without a store AHC skips a cookie lookup on every request and response.
                .setCookieStore(null)
                // The answers' headers are read, not forwarded: checking every header name's characters is work for
                // nothing.
                .setValidateResponseHeaders(false)
                // Linux's epoll through Netty's native transport where it loads, Java's NIO selector elsewhere.
                .setUseNativeTransport(Epoll.isAvailable())
                .setUseOnlyEpollNativeTransport(Epoll.isAvailable())
                .setUserAgent("object-store-experiments-lite/" + AHC_VERSION)
                // A file body over https goes through TLS in chunks read from the file (over http, by sendfile).
                .setChunkedFileChunkSize(FILE_CHUNK)
                /*
                 * A body reaches the collector in the pieces Netty read from the socket, not cut into
                 * 8 KiB ones (AHC's default), and a read may take up to 1 MiB where the answer keeps
                 * filling its buffer (Netty's adaptive guess, from 2 KiB; its default stops at 64 KiB).
                 * A ranged GET writes each piece to its file with one positional write, so a large
                 * object costs few reads and as few writes; a small answer keeps a small buffer.
                 */
                .setHttpClientCodecMaxChunkSize(BODY_PIECE)
                .addChannelOption(
                        ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, BODY_PIECE))
                .setThreadPoolName("lite-s3")
                // Every new connection counted, and opened a few at a time (ConnectionPacing).
                .setHttpAdditionalChannelInitializer(pacing)
                // close() is called when every request is done: no quiet period to wait out.
                .setShutdownQuietPeriod(Duration.ZERO)
                .setShutdownTimeout(Duration.ofSeconds(2));
        if (settings.ioThreads() > 0) {
            config.setIoThreadsCount(settings.ioThreads());
        }
        if (settings.sslContext() != null) {
            config.setSslEngineFactory(trusting(settings.sslContext()));
        }
        return new DefaultAsyncHttpClient(config.build());
    }

    /**
     * https trusting what {@code context} trusts: each connection's engine made for the peer's name and port (so the
     * handshake names the host, SNI), and the name checked against the certificate, as AHC's own SSL context does.
     */
    private static SslEngineFactory trusting(SSLContext context) {
        return (config, peerHost, peerPort) -> {
            SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            engine.setUseClientMode(true);
            return engine;
        };
    }
}
