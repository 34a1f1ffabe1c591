package objectstore.largeobjects.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the harness checks a transfer against, computed from the file: the SHA-256 of a whole file, and the ETag S3
 * gives an object made of a file: the MD5 of its bytes for one PUT, or for a multipart upload the MD5 of the parts'
 * MD5s followed by "-" and the number of parts.
 */
public final class Digests {

    private static final int PIECE = 1 << 20;

    private Digests() {}

    /** The SHA-256 of {@code file}, in hex, read in 1 MiB pieces. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer piece = ByteBuffer.allocate(PIECE);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(piece.clear()) >= 0) {
                digest.update(piece.flip());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The ETag of a multipart upload of {@code file} in parts of {@code partSize} bytes (the last may be smaller). */
    public static String multipartETag(Path file, long partSize) throws IOException {
        MessageDigest ofParts = md5();
        MessageDigest part = md5();
        ByteBuffer piece = ByteBuffer.allocate(PIECE);
        int parts = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            for (long start = 0; start < size; start += partSize) {
                long end = Math.min(size, start + partSize);
                for (long at = start; at < end; ) {
                    piece.clear().limit((int) Math.min(PIECE, end - at));
                    int n = in.read(piece, at);
                    if (n < 0) {
                        throw new IOException(file + " ended at " + at + " of " + size + " bytes");
                    }
                    part.update(piece.flip());
                    at += n;
                }
                ofParts.update(part.digest());
                parts++;
            }
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
