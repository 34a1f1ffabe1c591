package objectstore.largeobjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.harness.Options;
import objectstore.harness.Options.Extra;
import objectstore.largeobjects.clients.Client;
import objectstore.store.UserError;

/**
 * The chapter's settings, checked before any store starts: the object size and count, the part size and parts in flight
 * the run asks for (or each client's own), and the clients to measure.
 *
 * @param partSize null: each client's own part size
 * @param parallel null: each client's own parts or ranges in flight
 */
record LargeObjectSettings(int iterations, long size, Long partSize, Integer parallel, List<Client> clients) {

    static final long MIB = 1L << 20;
    /** S3's smallest part, but for the last one, and its largest. */
    static final long MIN_PART_SIZE = 5 * MIB;

    static final long MAX_PART_SIZE = 5L << 30;
    /** S3's most parts in one upload. */
    static final int MAX_PARTS = 10_000;

    static final String CLIENTS_OWN = "client";

    /** The chapter's own options. */
    static final List<Extra> EXTRAS = List.of(
            Extra.checked(
                    "part-size",
                    CLIENTS_OWN,
                    "bytes of each part or range, 5 MiB to 5 GiB, e.g. 8388608 or 8MiB; client: each one's default",
                    (name, value) -> partSize(name, value)),
            Extra.checked(
                    "parallel",
                    CLIENTS_OWN,
                    "parts or ranges in flight at once, 1 to 256; client: each one's default",
                    (name, value) -> parallel(name, value)),
            Extra.checked(
                    "clients",
                    "all",
                    "the clients to measure, e.g. sdk,crt (of " + String.join(", ", Client.names()) + ")",
                    (name, value) -> clients(name, value)));

    /** The settings of a run with these options; a {@link UserError} for a combination S3 would refuse. */
    static LargeObjectSettings of(Options options) {
        Long partSize = partSize("--part-size", options.extra("part-size"));
        long size = options.size();
        if (size == 0) {
            throw new UserError("--size 0: an empty object has nothing to split; give a size of at least 1 byte");
        }
        String parts = partSize == null ? null : partsProblem(size, partSize);
        if (parts != null) {
            throw new UserError(parts);
        }
        return new LargeObjectSettings(
                options.iterations(),
                size,
                partSize,
                parallel("--parallel", options.extra("parallel")),
                clients("--clients", options.extra("clients")));
    }

    /**
     * Why S3 would refuse an upload of {@code size} bytes in parts of {@code partSize}: more than 10,000 parts; null
     * when it would not. (Within the chapter's largest size, 1 GiB, even 5 MiB parts make 205.)
     */
    static String partsProblem(long size, long partSize) {
        long parts = (size + partSize - 1) / partSize;
        if (parts <= MAX_PARTS) {
            return null;
        }
        return "--size " + size + " in parts of --part-size " + partSize + " makes " + parts
                + " parts; S3 takes at most " + MAX_PARTS + ": choose a part size of at least "
                + (size + MAX_PARTS - 1) / MAX_PARTS + " bytes";
    }

    /** The most the store holds at once: a round's objects, and one more while a multipart upload is put together. */
    long storeBytes() {
        return (iterations + 1L) * size;
    }

    /** The chapter's own files: the sources, and a download (and a client's temporary copy of it) at a time. */
    long fileBytes() {
        return (iterations + 2L) * size;
    }

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    private static Long partSize(String name, String value) {
        if (value.equals(CLIENTS_OWN)) {
            return null;
        }
        Matcher m = BYTES.matcher(value.strip().replace("_", ""));
        long bytes;
        try {
            if (!m.matches()) {
                throw new NumberFormatException();
            }
            long unit = m.group(2) == null
                    ? 1
                    : switch (m.group(2).toLowerCase(Locale.ROOT)) {
                        case "kib" -> 1L << 10;
                        case "mib" -> 1L << 20;
                        default -> 1L << 30;
                    };
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError(
                    name + " must be a number of bytes, e.g. 8388608 or 8MiB, or client; not '" + value + "'");
        }
        if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
            throw new UserError(
                    name + " " + value + " is outside S3's limits for a part (all but the last): give 5 MiB ("
                            + MIN_PART_SIZE + " bytes) to 5 GiB");
        }
        return bytes;
    }

    private static Integer parallel(String name, String value) {
        if (value.equals(CLIENTS_OWN)) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 256) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserError(name + " must be a whole number from 1 to 256, or client; not '" + value + "'");
    }

    private static List<Client> clients(String name, String value) {
        if (value.strip().equals("all")) {
            return List.of(Client.values());
        }
        List<Client> chosen = new ArrayList<>();
        for (String each : value.split(",")) {
            Client client;
            try {
                client = Client.named(each);
            } catch (IllegalArgumentException e) {
                throw new UserError(name + ": no client named '" + each.strip() + "'; the clients are "
                        + String.join(", ", Client.names()) + ", or all");
            }
            if (!chosen.contains(client)) {
                chosen.add(client);
            }
        }
        chosen.sort(null); // in the order the chapter runs them
        return List.copyOf(chosen);
    }
}
