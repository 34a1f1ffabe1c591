package objectstore.workshop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Solution 10: one MD5 per part, fed a 1 MiB piece at a time, its 16 bytes fed in turn to the MD5 of the parts; the
 * file is read once, never whole. Chapter 09's {@code Digests.multipartETag} is the same.
 */
public final class Ch09MultipartETag {

    public static String multipartETag(Path file, long partSize) throws IOException {
        MessageDigest ofParts = md5();
        MessageDigest part = md5();
        ByteBuffer piece = ByteBuffer.allocate(1 << 20);
        int parts = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            for (long start = 0; start < size; start += partSize) {
                long end = Math.min(size, start + partSize);
                for (long at = start; at < end; ) {
                    piece.clear().limit((int) Math.min(piece.capacity(), end - at));
                    int read = in.read(piece, at);
                    if (read < 0) {
                        throw new IOException(file + " ended at byte " + at);
                    }
                    part.update(piece.flip());
                    at += read;
                }
                ofParts.update(part.digest()); // digest() also resets it for the next part
                parts++;
            }
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    private Ch09MultipartETag() {}
}
