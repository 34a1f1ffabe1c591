package objectstore.lite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import objectstore.store.UserError;

/**
 * Where a download is written: a temporary file beside the destination, filled by positional writes in any order, and
 * renamed over the destination in one step once every byte is in; deleted instead when the download fails. No one ever
 * sees a half-written file under the destination's name.
 */
final class DestinationFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path destination;
    private final Path temporary;
    private final FileChannel channel;

    private DestinationFile(Path destination, Path temporary, FileChannel channel) {
        this.destination = destination;
        this.temporary = temporary;
        this.channel = channel;
    }

    /** Refuses, before any request, a destination whose folder does not exist or that is a folder itself. */
    static void check(Path destination) {
        Path folder = folder(destination);
        if (!Files.isDirectory(folder)) {
            throw new UserError("the folder " + folder + " does not exist; create it first, or download elsewhere");
        }
        if (Files.isDirectory(destination)) {
            throw new UserError(destination + " is a folder; name the file to download to");
        }
    }

    /**
     * A new temporary file beside {@code destination} for an object of {@code size} bytes; refused at once when the
     * disk has less space free than that.
     */
    static DestinationFile create(Path destination, long size) {
        check(destination);
        Path folder = folder(destination);
        Path temporary = null;
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free < size) {
                throw new UserError("not enough space for " + destination + ": the object is " + size
                        + " bytes and the disk has " + free + " free; free some space, or download elsewhere");
            }
            // A new, hidden name beside it, created as any new file is, so that it ends with the usual permissions.
            String name = destination.getFileName().toString();
            Path candidate = folder.resolve("." + (name.length() > 100 ? name.substring(0, 100) : name) + "."
                    + Long.toHexString(RANDOM.nextLong()) + ".lite-s3-part");
            FileChannel channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            temporary = candidate;
            return new DestinationFile(destination, temporary, channel);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw cannotWrite(e, destination);
        }
    }

    /** Writes {@code bytes} at {@code position}; a full disk or any other failure is a {@link UserError}. */
    void write(ByteBuffer bytes, long position) {
        writeFully(channel, bytes, position, destination);
    }

    /** The positional write, as many calls as it takes; a failure names {@code destination} and the fix. */
    static void writeFully(FileChannel channel, ByteBuffer bytes, long position, Path destination) {
        long at = position;
        try {
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (IOException e) {
            throw cannotWrite(e, destination);
        }
    }

    /** Puts the file in place of the destination, in one rename (replacing any file there). */
    void commit() {
        try {
            channel.close();
            try {
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw cannotWrite(e, destination);
        }
    }

    /** Closes and deletes the temporary file. */
    void discard() {
        try {
            channel.close();
        } catch (IOException e) {
            // deleted below all the same
        }
        deleteQuietly(temporary);
    }

    /** The temporary file's path, while the download runs. */
    Path temporary() {
        return temporary;
    }

    private static Path folder(Path destination) {
        Path parent = destination.toAbsolutePath().getParent();
        return parent == null ? destination.toAbsolutePath().getRoot() : parent;
    }

    /** ENOSPC says so; anything else names the error. */
    static UserError cannotWrite(IOException e, Path destination) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("not enough space on the disk")) {
            return new UserError("the disk is full: no space left on device writing " + destination
                    + "; free some space, or download elsewhere");
        }
        if (e instanceof AccessDeniedException) {
            return new UserError("cannot write " + destination + ": permission denied; download elsewhere");
        }
        return new UserError("cannot write " + destination + " (" + message + "); check the disk and the folder");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is hidden and says what it is by its suffix
        }
    }
}
