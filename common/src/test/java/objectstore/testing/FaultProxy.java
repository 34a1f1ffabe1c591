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
 * A misbehaving store for tests: an HTTP proxy on loopback in front of a real one, which answers each
 * request as a {@link Rule} says: forwarded, an S3 error, a body cut short, or no answer at all.
 *
 * <p>Each connection carries one request: the proxy forwards the request's bytes unchanged (so the
 * signature, made for the proxy's host and port, still checks out on the store behind it) with
 * {@code Connection: close}, and copies the answer back until the store closes.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do with one request. */
    public sealed interface Action {
    }

    /** Pass the request to the store. */
    public record Forward() implements Action {
    }

    /** Answer with an S3 XML error. */
    public record Fail(int status, String code) implements Action {
    }

    /** Answer 200 promising {@code promised} body bytes, send {@code sent} of them, then reset the connection. */
    public record CutShort(int promised, int sent) implements Action {
    }

    /** Accept the request and never answer. */
    public record Stall() implements Action {
    }

    /** Decides each request; {@code hit} counts requests from 1. */
    @FunctionalInterface
    public interface Rule {
        Action decide(int hit, String method, String path);
    }

    private final ServerSocket server;
    private final URI target;
    private final Rule rule;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FaultProxy(URI target, Rule rule) throws IOException {
        this.target = target;
        this.rule = rule;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy").start(this::acceptLoop);
    }

    /** A proxy in front of {@code target} (may be null when the rule never forwards). */
    public static FaultProxy start(URI target, Rule rule) throws IOException {
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
            Action action = rule.decide(hits.incrementAndGet(), requestLine[0], requestLine[1]);
            OutputStream out = client.getOutputStream();
            switch (action) {
                case Forward f -> forward(head, body, out);
                case Fail fail -> {
                    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fail.code() + "</Code><Message>injected by the test"
                            + "</Message><RequestId>fault-" + hits.get() + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + fail.status() + " " + fail.code() + "\r\nContent-Type: application/xml\r\nContent-Length: "
                            + xml.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(xml);
                    out.flush();
                }
                case CutShort cut -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + cut.promised()
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[cut.sent()]);
                    out.flush();
                    client.setSoLinger(true, 0); // close with a reset, as a crashed peer would
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

    /** The request line and headers, without the blank line; null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
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
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }
}
