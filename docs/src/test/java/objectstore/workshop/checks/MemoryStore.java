package objectstore.workshop.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;

/**
 * An ObjectStore in memory for the checks: PUTs complete after a few milliseconds on a timer thread, and
 * it notes how many were in flight each time one started. GETs wait for {@link #getGate} to open.
 */
final class MemoryStore implements ObjectStore {

    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final List<Integer> inFlightAtStart = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger peak = new AtomicInteger();
    volatile CompletableFuture<Void> getGate = CompletableFuture.completedFuture(null);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Random delays = new Random(42);

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        int before = inFlight.getAndIncrement();
        inFlightAtStart.add(before);
        peak.accumulateAndGet(before + 1, Math::max);
        int delayMicros;
        synchronized (delays) {
            delayMicros = 1_000 + delays.nextInt(9_000);
        }
        CompletableFuture<String> done = new CompletableFuture<>();
        timer.schedule(() -> {
            objects.put(bucket + "/" + key, data.clone());
            inFlight.decrementAndGet();
            done.complete(etag(data));
        }, delayMicros, TimeUnit.MICROSECONDS);
        return done;
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return getGate.thenApplyAsync(open -> {
            byte[] data = objects.get(bucket + "/" + key);
            if (data == null) {
                throw new ObjectStoreException("NoSuchKey", 404, "The specified key does not exist.", null);
            }
            return data.clone();
        }, timer);
    }

    static String etag(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not in this check"));
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        objects.remove(bucket + "/" + key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ListPage> listObjects(String bucket, String prefix, String continuationToken, int maxKeys) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not in this check"));
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not in this check"));
    }

    @Override
    public String description() {
        return "an in-memory store for the workshop's checks";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
