package objectstore.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import objectstore.store.UserError;

/**
 * A RAM disk ({@code /dev/shm} on Linux) for the files of a run with large objects: an embedded store's objects and a
 * chapter's own files, read and written at memory speed, so that a measurement of a client is not one of a disk.
 *
 * <p>Its room is what it can take without exhausting memory: its free space, but no more than the memory the kernel
 * says is available ({@code MemAvailable} in /proc/meminfo) less {@link #RESERVE} for the processes of the run (the
 * client's JVM, the server's, Maven's). A run that needs more goes to the disk instead, and says so.
 */
public final class RamDisk {

    /** Where Linux mounts its RAM disk (tmpfs). */
    public static final Path PATH = Path.of("/dev/shm");

    /** What stays available for the processes of the run: 4 GiB. */
    static final long RESERVE = 4L << 30;

    private RamDisk() {}

    /**
     * Where a run keeps files: the folder, whether it is on the RAM disk, and why, e.g. {@code /dev/shm (RAM disk)}.
     */
    public record Place(Path parent, boolean onRamDisk, String description) {}

    /** Bytes the RAM disk can take without exhausting memory; 0 where there is none. */
    public static long room() {
        if (!Files.isDirectory(PATH) || !Files.isWritable(PATH)) {
            return 0;
        }
        try {
            long free = Files.getFileStore(PATH).getUsableSpace();
            return Math.max(0, Math.min(free, availableMemory() - RESERVE));
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Where a run that needs {@code bytes} keeps its files: on the RAM disk when it has room, else under
     * {@code fallback} when the disk there has; a {@link UserError} naming both when neither has.
     */
    public static Place place(long bytes, Path fallback) {
        long room = room();
        if (room >= bytes) {
            return new Place(PATH, true, PATH + " (RAM disk)");
        }
        long disk = usable(fallback);
        String why = room == 0
                ? "no RAM disk at " + PATH
                : PATH + " has room for " + gib(room) + ", the run needs " + gib(bytes);
        if (disk >= bytes) {
            return new Place(fallback, false, "disk under " + fallback + " (" + why + ")");
        }
        throw new UserError("the run needs " + gib(bytes) + " for its objects; " + why + " and the disk under "
                + fallback + " has " + gib(disk) + "; choose a smaller --size or fewer --iterations");
    }

    /** E.g. {@code 1.50 GiB}. */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    /** Free bytes where {@code folder} is (or would be: its nearest existing parent); 0 when unknown. */
    static long usable(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /** MemAvailable from /proc/meminfo, in bytes; 0 where it cannot be read. */
    static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RAM disk to speak of
        }
        return 0;
    }
}
