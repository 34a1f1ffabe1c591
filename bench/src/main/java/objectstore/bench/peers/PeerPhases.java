package objectstore.bench.peers;

import static objectstore.sdkasync.SdkAsyncS3PutGet.window;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import objectstore.harness.Loop;
import objectstore.harness.Phase;
import objectstore.harness.TestObject;

/** The phases every peer runs, so that they compare with the chapters' windows: chapter 04's sliding window of C. */
final class PeerPhases {

    private PeerPhases() {}

    /**
     * PUT, GET and PUT-then-GET, each a window of {@code window} calls in flight, made with the peer's {@code put} and
     * {@code get}.
     */
    static List<Phase> windows(
            int window,
            Function<TestObject, CompletableFuture<?>> put,
            Function<TestObject, CompletableFuture<byte[]>> get) {
        return List.of(
                Phase.put(
                        Loop.WINDOW,
                        (objects, rec) -> window(objects, window, o -> rec.putAsync(o, () -> put.apply(o)))),
                Phase.get(
                        Loop.WINDOW,
                        (objects, rec) -> window(objects, window, o -> rec.getAsync(o, () -> get.apply(o)))),
                Phase.putThenGet(
                        Loop.WINDOW,
                        (objects, rec) -> window(
                                objects, window, o -> rec.putThenGetAsync(o, () -> put.apply(o), () -> get.apply(o)))));
    }
}
