package objectstore.largeobjects.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The run's source files, each {@code size} random bytes of its own (no two alike, so a GET that returns another
 * object's bytes is caught), written once, in 1 MiB pieces: the bytes are never all in memory. Their digests are
 * computed as they are written. Closing the set deletes the files.
 */
public final class SourceFiles implements AutoCloseable {

    private static final int PIECE = 1 << 20;

    private final List<Source> sources;

    private SourceFiles(List<Source> sources) {
        this.sources = sources;
    }

    /** Writes {@code count} files of {@code size} bytes into {@code folder}. */
    public static SourceFiles write(Path folder, int count, long size) throws IOException {
        Files.createDirectories(folder);
        List<Source> written = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                written.add(writeOne(folder.resolve("source-" + i), size, 0x5eed_0009L + i));
            }
        } catch (IOException | RuntimeException e) {
            new SourceFiles(written).close();
            throw e;
        }
        return new SourceFiles(List.copyOf(written));
    }

    public List<Source> sources() {
        return sources;
    }

    private static Source writeOne(Path file, long size, long seed) throws IOException {
        MessageDigest sha256 = Digests.sha256();
        MessageDigest md5 = Digests.md5();
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer piece = ByteBuffer.allocate(PIECE).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(PIECE, left);
                piece.clear();
                while (piece.remaining() >= Long.BYTES) {
                    piece.putLong(random.nextLong());
                }
                piece.position(0).limit(n);
                sha256.update(piece.duplicate());
                md5.update(piece.duplicate());
                while (piece.hasRemaining()) {
                    out.write(piece);
                }
                left -= n;
            }
        }
        HexFormat hex = HexFormat.of();
        return new Source(file, size, hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()));
    }

    @Override
    public void close() {
        for (Source source : sources) {
            try {
                Files.deleteIfExists(source.file());
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + source.file(), e);
            }
        }
    }
}
