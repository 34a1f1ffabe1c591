package objectstore.largeobjects.measure;

import java.nio.file.Path;

/**
 * A file the clients upload, and what it holds: its size, its SHA-256 (what every download of it must hash to) and its
 * MD5 (the ETag of a single PUT of it), both in hex, computed as the file was written.
 */
public record Source(Path file, long size, String sha256, String md5) {}
