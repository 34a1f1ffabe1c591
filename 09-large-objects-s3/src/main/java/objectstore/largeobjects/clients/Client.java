package objectstore.largeobjects.clients;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The clients the chapter measures, in the order it runs them, each with the names its phases carry: the client, then
 * how it moves an object, e.g. {@code put_object (sdk, multipart)}.
 */
public enum Client {
    /** The SDK's S3AsyncClient, one stream each way, checksums only where required (as in chapters 01-04). */
    SDK("sdk", "sdk, one stream", "sdk, one stream", s -> new SdkOneStream(s, false)),
    /** The same with the SDK's default integrity mode since 2.30: a CRC32 on every upload, checked on download. */
    SDK_CHECKSUMS(
            "sdk-checksums",
            "sdk, one stream, WHEN_SUPPORTED",
            "sdk, one stream, WHEN_SUPPORTED",
            s -> new SdkOneStream(s, true)),
    /** The S3AsyncClient with multipartEnabled(true). */
    SDK_MULTIPART("sdk-multipart", "sdk, multipart", "sdk, multipart", SdkMultipart::new),
    /** The CRT-based S3AsyncClient. */
    CRT("crt", "crt, parts", "crt, ranged", Crt::new),
    /** S3TransferManager's uploadFile and downloadFile, on the CRT. */
    TRANSFER_MANAGER(
            "transfer-manager",
            "transfer manager on crt, parts",
            "transfer manager on crt, ranged",
            TransferManagerClient::new),
    /** The lite client: a multipart upload, ranged GETs into the file, a whole-object CRC32C both ways. */
    LITE("lite", "lite, multipart", "lite, ranged", s -> new LiteLargeObjects(s, true)),
    /** The same without the checksum: what the CRC32C costs. */
    LITE_NO_CHECKSUM(
            "lite-no-checksum",
            "lite, multipart, no checksum",
            "lite, ranged, no checksum",
            s -> new LiteLargeObjects(s, false));

    private final String name;
    private final String put;
    private final String get;
    private final Function<ClientSettings, LargeObjectClient> open;

    Client(String name, String put, String get, Function<ClientSettings, LargeObjectClient> open) {
        this.name = name;
        this.put = put;
        this.get = get;
        this.open = open;
    }

    /** Its name on the command line, e.g. {@code sdk-multipart}. */
    public String label() {
        return name;
    }

    /** Opens it, in the JVM that measures it. */
    public LargeObjectClient open(ClientSettings settings) {
        return open.apply(settings);
    }

    /** The name of its PUT phase, e.g. {@code put_object (crt, parts)}; on S3Proxy the CRT's PUT is one stream. */
    public String putPhase(boolean onS3Proxy) {
        String how = onS3Proxy && (this == CRT || this == TRANSFER_MANAGER) ? put.replace(", parts", ", one PUT") : put;
        return "put_object (" + how + ")";
    }

    /** The name of its GET phase, e.g. {@code get_object (crt, ranged)}. */
    public String getPhase() {
        return "get_object (" + get + ")";
    }

    /**
     * Why it has no GET phase on this store, or null when it has one. S3Proxy 4.0 answers a GET by part number with 501
     * NotImplemented, and the SDK's multipart client downloads an object by part number.
     */
    public String noGetBecause(boolean onS3Proxy) {
        return onS3Proxy && this == SDK_MULTIPART
                ? "S3Proxy answers GET ?partNumber= (how the SDK's multipart client downloads) with 501 NotImplemented"
                : null;
    }

    /** The client named so on the command line. */
    public static Client named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.name.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name));
    }

    /** Every client's name, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Client::label).toList();
    }
}
