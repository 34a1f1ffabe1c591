package objectstore.largeobjects.clients;

import objectstore.util.LibraryVersion;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;

/**
 * The CRT-based S3AsyncClient ({@code S3AsyncClient.crtBuilder()}): native code with its own connections, buffers and
 * threads. It splits an upload into parts and a download into ranged GETs, as many in flight as its
 * {@code targetThroughputInGbps} calls for, and writes a download straight into the file.
 *
 * <p>On S3Proxy 4.0 its uploads go in one PUT. The SDK adds {@code Expect: 100-continue} to a PutObject, and the CRT
 * copies it into the CreateMultipartUpload it makes of it, a request of no body; S3Proxy (Jetty) answers such a request
 * with a body it ends by closing the connection, in which the CRT finds no upload id, and the upload fails.
 */
final class Crt extends SdkFileTransfers {

    /** The CRT client's defaults (S3CrtAsyncClientBuilder): 8 MiB parts, a target of 10 Gbit/s. */
    static final long DEFAULT_PART_SIZE = 8L << 20;

    static final double DEFAULT_TARGET_GBPS = 10.0;

    private final ClientSettings settings;

    Crt(ClientSettings settings) {
        super(build(settings));
        this.settings = settings;
    }

    // tag::crt[]
    /** The CRT client with its defaults but where the run says otherwise. */
    static S3AsyncClient build(ClientSettings settings) {
        S3CrtAsyncClientBuilder crt = S3AsyncClient.crtBuilder()
                .endpointOverride(settings.target().endpoint())
                .region(Region.of(settings.target().region()))
                .credentialsProvider(SdkSetup.credentials(settings))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.partSize() != null) {
            crt.minimumPartSizeInBytes(settings.partSize());
        }
        if (settings.parallel() != null) {
            crt.maxConcurrency(settings.parallel());
        }
        if (settings.onS3Proxy()) {
            crt.thresholdInBytes(Long.MAX_VALUE); // one PUT: see the class comment
        }
        return crt.build();
    }
    // end::crt[]

    static String describe(ClientSettings settings) {
        return SdkSetup.VERSION + ", S3AsyncClient.crtBuilder() (AWS CRT "
                + LibraryVersion.of(software.amazon.awssdk.crt.CRT.class, "software.amazon.awssdk.crt", "aws-crt")
                + "), parts of " + (partSize(settings) >> 20) + " MiB, "
                + (settings.parallel() == null
                        ? "connections as targetThroughputInGbps " + DEFAULT_TARGET_GBPS + " calls for (its defaults)"
                        : "at most " + settings.parallel() + " requests at once")
                + (settings.onS3Proxy() ? ", uploads in one PUT (S3Proxy cannot take its multipart uploads)" : "")
                + "; checksums WHEN_REQUIRED";
    }

    static long partSize(ClientSettings settings) {
        return settings.partSize() != null ? settings.partSize() : DEFAULT_PART_SIZE;
    }

    /** One PUT on S3Proxy; else parts. A GET goes in ranges of a part. */
    static Plan plan(ClientSettings settings, long size, boolean put) {
        long part = Math.max(partSize(settings), (size + 9_999) / 10_000);
        if ((put && settings.onS3Proxy()) || size <= part) {
            return Plan.oneStream();
        }
        return Plan.parts(size, part, settings.parallel());
    }

    @Override
    public String description() {
        return describe(settings);
    }

    @Override
    public Plan plan(long size, boolean put) {
        return plan(settings, size, put);
    }
}
