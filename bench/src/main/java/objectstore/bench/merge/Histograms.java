package objectstore.bench.merge;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** A phase's latency histogram to and from the results JSON's form: HdrHistogram's compressed encoding, in base64. */
final class Histograms {

    private Histograms() {}

    /** The histogram a results JSON holds; throws {@link IllegalArgumentException} when the text is not one. */
    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram in base64 (" + e.getMessage() + ")", e);
        }
    }

    /** The histogram as a results JSON holds it (the same encoding the harness writes). */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
