package objectstore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving store for tests: an HTTP proxy on loopback in front of a real one, which answers each request as a
 * {@link Rule} says: forwarded, an S3 error, a body cut short, no answer at all, or an answer given in full (a
 * {@link #permanentRedirect} to the bucket's region, say).
 *
 * <p>Each connection carries one request: the proxy forwards the request's bytes unchanged (so the signature, made for
 * the proxy's host and port, still checks out on the store behind it) with {@code Connection: close}, and copies the
 * answer back until the store closes. It keeps every request it received ({@link #requests()}), so a test can check
 * what the client sent: the Host header, the region a request was signed for, a session token.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do with one request. */
    public sealed interface Action {}

    /** Pass the request to the store. */
    public record Forward() implements Action {}

    /** Answer with an S3 XML error. */
    public record Fail(int status, String code) implements Action {}

    /** Answer 200 promising {@code promised} body bytes, send {@code sent} of them, then reset the connection. */
    public record CutShort(int promised, int sent) implements Action {}

    /**
     * Pass the request to the store, and copy its answer back up to {@code bodyBytes} bytes of its body; then close the
     * connection, cleanly, as a store that went away half-way would leave it.
     */
    public record ForwardCut(long bodyBytes) implements Action {}

    /** Accept the request and never answer. */
    public record Stall() implements Action {}

    /** Answer with exactly this: a status, its reason, headers ({@code "Name: value"}) and a body. */
    public record Answer(int status, String reason, List<String> headers, String body) implements Action {}

    /** Decides each request; {@code hit} counts requests from 1. */
    @FunctionalInterface
    public interface Rule {
        Action decide(int hit, String method, String path);
    }

    /** Decides each request, seeing all of it but the body. */
    @FunctionalInterface
    public interface RequestRule {
        Action decide(Request request);
    }

    /**
     * A request as received: its number (from 1), method, path with query, and the request line and headers as sent.
     */
    public record Request(int hit, String method, String path, String head) {

        /** The first value of a header, its name in any case; null when absent. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        /**
         * The region of the Authorization header's credential scope (KEY/DAY/REGION/s3/aws4_request); null when
         * unsigned.
         */
        public String signedRegion() {
            String authorization = header("Authorization");
            int credential = authorization == null ? -1 : authorization.indexOf("Credential=");
            if (credential < 0) {
                return null;
            }
            String[] scope = authorization
                    .substring(credential + "Credential=".length())
                    .split("[,\\s]")[0]
                    .split("/");
            return scope.length == 5 ? scope[2] : null;
        }

        /** The first segment of the path: the bucket of a path-style request. */
        public String firstSegment() {
            String path = this.path.indexOf('?') >= 0 ? this.path.substring(0, this.path.indexOf('?')) : this.path;
            String[] segments = path.split("/", 3);
            return segments.length > 1 ? segments[1] : "";
        }
    }

    /**
     * S3's answer to a request sent to the wrong region: 301 PermanentRedirect, the bucket's region in
     * x-amz-bucket-region.
     */
    public static Answer permanentRedirect(String bucket, String region) {
        return new Answer(
                301,
                "Moved Permanently",
                List.of("x-amz-bucket-region: " + region),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Error><Code>PermanentRedirect</Code>"
                        + "<Message>The bucket you are attempting to access must be addressed using the"
                        + " specified endpoint. Please send all future requests to this endpoint.</Message><Endpoint>"
                        + bucket
                        + ".s3." + region + ".amazonaws.com</Endpoint><Bucket>" + bucket
                        + "</Bucket><RequestId>injected</RequestId></Error>");
    }

    /**
     * S3's answer to a request signed for the wrong region: 400 AuthorizationHeaderMalformed, the right one in
     * {@code <Region>} only.
     */
    public static Answer authorizationHeaderMalformed(String signedFor, String region) {
        return new Answer(
                400,
                "Bad Request",
                List.of(),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Error><Code>AuthorizationHeaderMalformed</Code>"
                        + "<Message>The authorization header is malformed; the region '"
                        + signedFor + "' is wrong; expecting '" + region + "'</Message><Region>" + region + "</Region>"
                        + "<RequestId>injected</RequestId></Error>");
    }

    private final ServerSocket server;
    private final URI target;
    private final RequestRule rule;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FaultProxy(URI target, RequestRule rule) throws IOException {
        this.target = target;
        this.rule = rule;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy").start(this::acceptLoop);
    }

    /** A proxy in front of {@code target} (may be null when the rule never forwards). */
    public static FaultProxy start(URI target, Rule rule) throws IOException {
        return new FaultProxy(target, request -> rule.decide(request.hit(), request.method(), request.path()));
    }

    /** A proxy in front of {@code target} whose rule sees each request's headers. */
    public static FaultProxy start(URI target, RequestRule rule) throws IOException {
        return new FaultProxy(target, rule);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Requests received so far. */
    public int hits() {
        return hits.get();
    }

    /** The requests received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            byte[] body = in.readNBytes(contentLength(head));
            Request request = new Request(hits.incrementAndGet(), requestLine[0], requestLine[1], head);
            requests.add(request);
            Action action = rule.decide(request);
            OutputStream out = client.getOutputStream();
            switch (action) {
                case Forward f -> forward(head, body, out);
                case ForwardCut cut -> forwardCut(head, body, out, cut.bodyBytes());
                case Fail fail -> {
                    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fail.code()
                                    + "</Code><Message>injected by the test" + "</Message><RequestId>fault-"
                                    + hits.get() + "</RequestId></Error>")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + fail.status() + " " + fail.code()
                                    + "\r\nContent-Type: application/xml\r\nContent-Length: " + xml.length
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(xml);
                    out.flush();
                }
                case CutShort cut -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                    + cut.promised() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[cut.sent()]);
                    out.flush();
                    client.setSoLinger(true, 0); // close with a reset, as a crashed peer would
                }
                case Answer answer -> {
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    StringBuilder lines =
                            new StringBuilder("HTTP/1.1 " + answer.status() + " " + answer.reason() + "\r\n");
                    answer.headers().forEach(header -> lines.append(header).append("\r\n"));
                    lines.append("Content-Type: application/xml\r\nContent-Length: ")
                            .append(bytes.length)
                            .append("\r\nConnection: close\r\n\r\n");
                    out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
                    if (!request.method().equals("HEAD")) {
                        out.write(bytes); // an answer to HEAD has its headers only
                    }
                    out.flush();
                }
                case Stall s -> {
                    while (in.read() >= 0) {
                        // hold the connection open, silent, until the client gives up
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(client);
        }
    }

    private void forward(String head, byte[] body, OutputStream out) throws IOException {
        try (Socket store = new Socket()) {
            store.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5000);
            StringBuilder rewritten = new StringBuilder();
            for (String line : head.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            OutputStream toStore = store.getOutputStream();
            toStore.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            toStore.write(body);
            toStore.flush();
            store.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private void forwardCut(String head, byte[] body, OutputStream out, long bodyBytes) throws IOException {
        try (Socket store = new Socket()) {
            store.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5000);
            OutputStream toStore = store.getOutputStream();
            toStore.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            toStore.write(body);
            toStore.flush();
            InputStream fromStore = store.getInputStream();
            String answer = readHead(fromStore);
            if (answer == null) {
                return;
            }
            out.write((answer + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(fromStore.readNBytes((int) bodyBytes));
            out.flush();
        }
    }

    /** The request line and headers, without the blank line; null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }
}
