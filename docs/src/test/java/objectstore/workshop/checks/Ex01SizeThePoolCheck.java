package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import objectstore.connection.Credentials;
import objectstore.connection.Target;

/** Exercise 01 is solved when 60 workers have 60 requests in flight at once. */
class Ex01SizeThePoolCheck {

    static final int WORKERS = 60; // more than the Apache client's default pool of 50, too

    @Test
    void everyWorkerHasAConnection() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300); // a slow store: requests overlap only if the client lets them
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "hello".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            inFlight.decrementAndGet();
        });
        server.start();
        Target target = new Target(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new Credentials("AKIDWORKSHOP", "workshop-secret", null, "made up for the check"), "us-east-1");

        try (S3Client s3 = Workshop.call("Ex01SizeThePool", "client", target, WORKERS);
             ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> gets = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                String key = "k" + i;
                gets.add(workers.submit(() -> {
                    go.await();
                    return s3.getObjectAsBytes(b -> b.bucket("bucket").key(key)).asUtf8String();
                }));
            }
            go.countDown();
            for (Future<?> get : gets) {
                assertThat(get.get()).isEqualTo("hello");
            }
        } finally {
            server.stop(0);
        }

        assertThat(peak.get()).as("requests in flight at once with %s, for %d workers", Workshop.side(), WORKERS).isEqualTo(WORKERS);
    }
}
