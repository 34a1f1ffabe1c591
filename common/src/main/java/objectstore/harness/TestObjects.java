package objectstore.harness;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes the objects a phase puts: keys {@code uuid} as the original did, contents random and different for every object
 * (the first bytes carry the object's number, the rest come from a seeded generator), so a GET that returns another
 * object's bytes is caught.
 */
public final class TestObjects {

    private TestObjects() {}

    /** {@code count} objects of {@code size} bytes; {@code seed} makes the contents repeatable. */
    public static List<TestObject> make(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TestObject> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[size];
            for (int at = 0; at < size; at += 8) {
                long bits = random.nextLong();
                for (int b = 0; b < 8 && at + b < size; b++) {
                    data[at + b] = (byte) (bits >>> (8 * b));
                }
            }
            if (size >= Long.BYTES) {
                ByteBuffer.wrap(data).putLong(seed * 1_000_003L + i);
            }
            objects.add(new TestObject(UUID.randomUUID().toString(), data));
        }
        return objects;
    }

    /** Checks that a run's objects fit in memory, with a one-line error when they would not. */
    public static void checkMemory(long objects, int size) {
        long needed = objects * (long) size;
        long available = Runtime.getRuntime().maxMemory() / 2;
        if (needed > available) {
            throw new objectstore.store.UserError(String.format(
                    "%d objects of %d bytes need %d MiB, more than half the heap (%d MiB);"
                            + " lower --iterations or --size, or raise -Xmx (MAVEN_OPTS)",
                    objects, size, needed >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
    }
}
