package objectstore.workshop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Exercise 10 (chapter 09): the ETag S3 gives an object uploaded in parts.
 *
 * <p>An object put in one PUT has the MD5 of its bytes as its ETag, in hex. An object put in parts (a multipart upload)
 * does not: its ETag is the MD5 of the parts' MD5s (each part's 16 bytes, not their hex, one after another), in hex,
 * followed by "-" and the number of parts. Chapter 09 checks every upload's ETag against the one the file makes, so a
 * client that sent a part twice, or left one out, cannot pass.
 *
 * <p>Read the file in pieces: the files of chapter 09 are hundreds of MiB, and a large object never sits in memory
 * whole. The check uploads files in parts to S3Proxy with the SDK and compares S3Proxy's ETag with yours.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch09MultipartETagCheck}
 */
public final class Ch09MultipartETag {

    // TODO goal: the ETag of file uploaded in parts of partSize bytes (the last may be smaller): the hex MD5 of the
    // parts' MD5s, then "-" and how many parts; read the file a piece at a time, never whole
    public static String multipartETag(Path file, long partSize) throws IOException {
        return HexFormat.of().formatHex(md5().digest(Files.readAllBytes(file))); // one PUT's ETag, not the parts'
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
