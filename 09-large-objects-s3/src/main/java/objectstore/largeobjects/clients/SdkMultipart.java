package objectstore.largeobjects.clients;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * The same S3AsyncClient with {@code multipartEnabled(true)}: a file above the threshold goes up as a multipart upload,
 * its parts read into a buffer of {@value #BUFFERED_PARTS} parts and sent as they fill; a GET goes by part number, up
 * to {@value #MAX_IN_FLIGHT_PARTS} parts at once, written at their place in the file.
 */
final class SdkMultipart extends SdkFileTransfers {

    /** The SDK's defaults (MultipartConfiguration): 8 MiB parts, the threshold equal to a part. */
    static final long DEFAULT_PART_SIZE = 8L << 20;
    /** Its upload buffer, apiCallBufferSizeInBytes: four parts. */
    static final int BUFFERED_PARTS = 4;
    /** Its parallel download, ParallelConfiguration.maxInFlightParts. */
    static final int MAX_IN_FLIGHT_PARTS = 50;

    private final long partSize;
    private final Integer parallel;

    SdkMultipart(ClientSettings settings) {
        super(build(settings));
        this.partSize = partSize(settings);
        this.parallel = settings.parallel();
    }

    private static long partSize(ClientSettings settings) {
        return settings.partSize() != null ? settings.partSize() : DEFAULT_PART_SIZE;
    }

    /** The client with the SDK's multipart defaults but where the run says otherwise. */
    private static S3AsyncClient build(ClientSettings settings) {
        long partSize = partSize(settings);
        Integer parallel = settings.parallel();
        // tag::multipart[]
        MultipartConfiguration.Builder multipart = MultipartConfiguration.builder();
        if (settings.partSize() != null) {
            multipart.minimumPartSizeInBytes(partSize).thresholdInBytes(partSize);
        }
        if (parallel != null) {
            multipart
                    .apiCallBufferSizeInBytes(parallel * partSize)
                    .parallelConfiguration(p -> p.maxInFlightParts(parallel));
        }
        return SdkSetup.s3Compatible(S3AsyncClient.builder(), settings, false)
                .multipartEnabled(true)
                .multipartConfiguration(multipart.build())
                .build();
        // end::multipart[]
    }

    @Override
    public String description() {
        return SdkSetup.VERSION + ", S3AsyncClient.builder().multipartEnabled(true) on netty-nio-client, parts of "
                + (partSize >> 20) + " MiB, "
                + (parallel == null
                        ? "an upload buffer of " + BUFFERED_PARTS + " parts, " + MAX_IN_FLIGHT_PARTS
                                + " download parts in flight (its defaults)"
                        : parallel + " parts buffered and in flight")
                + "; checksums WHEN_REQUIRED";
    }

    @Override
    public Plan plan(long size, boolean put) {
        if (size <= partSize) {
            return Plan.oneStream();
        }
        // Past 10,000 parts the SDK makes the parts larger, as S3 allows no more.
        long part = Math.max(partSize, (size + 9_999) / 10_000);
        return Plan.parts(size, part, parallel != null ? parallel : put ? BUFFERED_PARTS : MAX_IN_FLIGHT_PARTS);
    }
}
