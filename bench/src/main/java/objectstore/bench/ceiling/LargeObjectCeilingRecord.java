package objectstore.bench.ceiling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the large-object ceiling writes ({@code --ceiling s3 --size BYTES}): one object of {@code objectBytes} fetched
 * through one presigned GET URL by curl and by the lite client, in turns, on the same S3Proxy; and loopback TCP on its
 * own, measured by iperf3. {@code sides} sets the wire, the server (curl) and the client side by side, each as the
 * median of its rounds. docs/09-large-objects-s3.md shows it.
 */
public record LargeObjectCeilingRecord(
        String kind,
        String date,
        CeilingRecord.Machine machine,
        CeilingRecord.Store store,
        long objectBytes,
        int seconds,
        List<Side> sides,
        double clientToServerRatio,
        double serverToWireRatio,
        List<Round> rounds,
        CeilingRecord.Warmups warmup,
        List<String> commands) {

    /**
     * One side, the median of its rounds: what it is, bytes a second (also in MiB/s and Gbit/s), its own CPU seconds
     * per GiB moved (null where not read), how many transfers it made and how many of those were checked and right.
     */
    public record Side(
            String name,
            String what,
            double bytesPerSecond,
            double mibPerSecond,
            double gbitsPerSecond,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double cpuSecondsPerGiB,
            long transfers,
            long verified,
            long errors,
            List<Double> roundBytesPerSecond) {}

    /** One round: the tool's and the client's rate, back to back, the tool first or second. */
    public record Round(double serverBytesPerSecond, double clientBytesPerSecond, boolean toolFirst) {}
}
