package objectstore.harness;

import java.util.Arrays;

/** One object of a run: its key and the bytes put under it, different for every object. */
public record TestObject(String key, byte[] data) {

    /** True when {@code read} holds exactly the bytes that were put. */
    public boolean matches(byte[] read) {
        return Arrays.equals(data, read);
    }

    @Override
    public String toString() {
        return key + " (" + data.length + " bytes)";
    }
}
