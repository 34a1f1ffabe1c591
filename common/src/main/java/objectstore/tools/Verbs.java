package objectstore.tools;

import static objectstore.tools.LiteS3Cli.await;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import objectstore.connection.Target;
import objectstore.lite.ChecksumAlgorithm;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.lite.SigV4Signer;
import objectstore.lite.TransferSettings;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.UserError;
import objectstore.util.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * lite-s3's verbs, each a picocli subcommand: its arguments, typed and checked before anything is sent, and what it
 * does with the open store. A new verb is one more class here (a {@link LiteS3Cli.StoreVerb}, or a
 * {@link LiteS3Cli.Verb} that opens a client of its own, as cp does) and its name in LiteS3Cli's {@code subcommands}.
 */
final class Verbs {

    private Verbs() {}

    @Command(name = "mb", description = "create a bucket")
    static final class Mb extends LiteS3Cli.StoreVerb {
        @Parameters(paramLabel = "s3://bucket", converter = S3Location.BucketOnly.class)
        S3Location bucket;

        @Override
        void run(ObjectStore store, PrintStream out) {
            await(store.createBucket(bucket.bucket()));
            out.println("created bucket " + bucket);
        }
    }

    @Command(name = "rb", description = "delete an empty bucket")
    static final class Rb extends LiteS3Cli.StoreVerb {
        @Parameters(paramLabel = "s3://bucket", converter = S3Location.BucketOnly.class)
        S3Location bucket;

        @Override
        void run(ObjectStore store, PrintStream out) {
            await(store.deleteBucket(bucket.bucket()));
            out.println("removed bucket " + bucket);
        }
    }

    @Command(name = "ls", description = "list your buckets; or a bucket's keys (all pages) with their sizes")
    static final class Ls extends LiteS3Cli.StoreVerb {
        @Parameters(
                arity = "0..1",
                paramLabel = "s3://bucket[/prefix]",
                converter = S3Location.Any.class,
                description = "a bucket, and the prefix of the keys to list")
        S3Location location;

        /** Without a bucket, the buckets, as {@code aws s3 ls} does; else one line per key, its size right-aligned. */
        @Override
        void run(ObjectStore store, PrintStream out) {
            if (location == null) {
                await(store.listBuckets()).forEach(out::println);
                return;
            }
            String token = null;
            do {
                ListPage page = await(store.listObjects(location.bucket(), location.key(), token, 1000));
                for (ObjectInfo object : page.objects()) {
                    String size = Long.toString(object.size());
                    out.println(" ".repeat(Math.max(0, 12 - size.length())) + size + "  " + object.key());
                }
                token = page.nextContinuationToken();
            } while (token != null);
        }
    }

    @Command(name = "put", description = "upload a file")
    static final class Put extends LiteS3Cli.StoreVerb {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Parameters(index = "1", paramLabel = "s3://bucket/key", converter = S3Location.WithKey.class)
        S3Location object;

        private byte[] data;

        @Override
        void prepare() {
            try {
                data = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new UserError("no file " + file + " to upload; check the path");
            } catch (IOException e) {
                throw new UserError(
                        "cannot read " + file + " (" + e.getClass().getSimpleName() + "); check it is a readable file");
            }
        }

        @Override
        void run(ObjectStore store, PrintStream out) {
            String eTag = await(store.putObject(object.bucket(), object.key(), data));
            out.println("uploaded " + file + " to " + object + " (" + data.length + " bytes, ETag " + eTag + ")");
        }
    }

    @Command(name = "get", description = "download to FILE, or to stdout with -")
    static final class Get extends LiteS3Cli.StoreVerb {
        @Parameters(index = "0", paramLabel = "s3://bucket/key", converter = S3Location.WithKey.class)
        S3Location object;

        @Parameters(index = "1", paramLabel = "FILE")
        String target;

        @Override
        void run(ObjectStore store, PrintStream out) {
            byte[] data = await(store.getObject(object.bucket(), object.key()));
            if (target.equals("-")) {
                out.write(data, 0, data.length);
                out.flush();
                return;
            }
            Path file = Path.of(target);
            try {
                Files.write(file, data);
            } catch (IOException e) {
                throw new UserError("cannot write " + file + " (" + e.getClass().getSimpleName()
                        + "); check the folder exists and is writable");
            }
            out.println("downloaded " + data.length + " bytes to " + file);
        }
    }

    @Command(
            name = "cp",
            description = {
                "copy a file to s3://bucket/key (to s3://bucket/prefix/ under its own name), or s3://bucket/key to a"
                        + " file or into a folder: in parts and parallel ranges from 8 MiB on, nothing held in memory"
            })
    static final class Cp extends LiteS3Cli.Verb {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "FILE or s3://bucket/key")
        String source;

        @Parameters(index = "1", paramLabel = "DESTINATION", description = "s3://bucket/key, or FILE or a folder")
        String destination;

        @Option(
                names = "--part-size",
                paramLabel = "SIZE",
                converter = PartSize.class,
                description = "parts of SIZE: 8MiB, 16M or 5242880 (8MiB; 5MiB to 5GiB)")
        Long partSize;

        @Option(names = "--parallel", paramLabel = "N", description = "parts or ranges at once (8; 1 to 256)")
        Integer parallel;

        @Option(
                names = "--checksum",
                paramLabel = "crc32c|crc32|crc64nvme|off",
                description = "the whole object's checksum, sent and checked (crc32c)")
        String checksum;

        private Copy copy;

        @Override
        void prepare() {
            TransferSettings settings = TransferSettings.defaults();
            if (partSize != null) {
                settings = settings.withPartSize(partSize);
            }
            if (parallel != null) {
                settings = settings.withParallel(parallel);
            }
            if (checksum != null) {
                settings = checksum.equalsIgnoreCase("off")
                        ? settings.withoutChecksum()
                        : settings.withChecksum(ChecksumAlgorithm.named(checksum));
            }
            copy = Copy.of(source, destination, settings);
        }

        @Override
        int run(Target target, LiteSettings settings, PrintStream out) {
            return copy.run(target, settings, out);
        }
    }

    /** A part size: {@code 8MiB}, {@code 8M}, {@code 8MB} (binary, as aws s3 takes it), {@code 5242880}. */
    static final class PartSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Copy.size(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLines.BadValue(e.getMessage());
            }
        }
    }

    @Command(name = "rm", description = "delete an object")
    static final class Rm extends LiteS3Cli.StoreVerb {
        @Parameters(paramLabel = "s3://bucket/key", converter = S3Location.WithKey.class)
        S3Location object;

        @Override
        void run(ObjectStore store, PrintStream out) {
            await(store.deleteObject(object.bucket(), object.key()));
            out.println("deleted " + object);
        }
    }

    @Command(
            name = "presign",
            description = "print a presigned GET (or PUT) URL, valid 3600 s unless told, at most 604800")
    static final class Presign extends LiteS3Cli.StoreVerb {
        @Parameters(paramLabel = "s3://bucket/key", converter = S3Location.WithKey.class)
        S3Location object;

        @Option(names = "--put", description = "a URL to PUT with, not to GET")
        boolean put;

        @Option(
                names = "--expires",
                paramLabel = "SECONDS",
                converter = Expiry.class,
                description = "how long it works")
        long expires = 3600;

        @Override
        void run(ObjectStore store, PrintStream out) {
            if (!(store instanceof LiteS3Client s3)) {
                throw new UserError(
                        "presign needs an http:// or https:// endpoint: a redis:// store has no URLs to sign");
            }
            out.println(s3.presign(put ? "PUT" : "GET", object.bucket(), object.key(), expires));
        }
    }

    /** Seconds a presigned URL works: 1 to 7 days' worth. */
    static final class Expiry implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                long seconds = Long.parseLong(text);
                if (seconds >= 1 && seconds <= SigV4Signer.MAX_PRESIGN_SECONDS) {
                    return seconds;
                }
                throw new CommandLines.BadValue(
                        "--expires " + text + " is out of range; give 1 to 604800 seconds (7 days)");
            } catch (NumberFormatException e) {
                throw new CommandLines.BadValue("--expires " + text + " is not a number of seconds");
            }
        }
    }
}
