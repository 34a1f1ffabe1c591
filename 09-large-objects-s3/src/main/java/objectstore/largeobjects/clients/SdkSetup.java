package objectstore.largeobjects.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/**
 * What the SDK's clients share here: path-style requests to the run's endpoint, its credentials and region, and a
 * checksum mode: {@code WHEN_REQUIRED}, as in every chapter, or the SDK's default since 2.30, {@code WHEN_SUPPORTED} (a
 * CRC32 with every upload, and a check of the one the store answers on every download).
 */
final class SdkSetup {

    static final String VERSION = "AWS SDK for Java " + VersionInfo.SDK_VERSION;

    private SdkSetup() {}

    static <B extends S3BaseClientBuilder<B, ?>> B s3Compatible(B builder, ClientSettings settings, boolean supported) {
        return builder.endpointOverride(settings.target().endpoint())
                .region(Region.of(settings.target().region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(true)
                .requestChecksumCalculation(
                        supported
                                ? RequestChecksumCalculation.WHEN_SUPPORTED
                                : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(
                        supported
                                ? ResponseChecksumValidation.WHEN_SUPPORTED
                                : ResponseChecksumValidation.WHEN_REQUIRED);
    }

    /** The run's credentials, as the SDK takes them. */
    static StaticCredentialsProvider credentials(ClientSettings settings) {
        return StaticCredentialsProvider.create(
                SdkClients.sdkCredentials(settings.target().credentials()));
    }

    /** The bytes in {@code file} so far: how far a download that writes straight into it has got. */
    static long written(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Counts the answers that carried a checksum the SDK could check, out of all. */
    static final class Answers {
        final LongAdder all = new LongAdder();
        final LongAdder withChecksum = new LongAdder();

        void count(boolean checksum) {
            all.increment();
            if (checksum) {
                withChecksum.increment();
            }
        }

        @Override
        public String toString() {
            return withChecksum.sum() + " of " + all.sum();
        }
    }
}
