package objectstore.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry: enough of the format for an image tar and its layers (ustar headers, and the PAX
 * headers that carry long names), so the test needs no library to open one.
 */
final class Tar {

    /**
     * One entry: its path, permission bits (without the file type's), type ('0' file, '5' folder, '2' symbolic link),
     * size and link target.
     */
    record Entry(String name, int mode, char type, long size, String linkName) {

        boolean isFile() {
            return type == '0' || type == 0;
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    /** Called for each entry with a stream of its content (only its own bytes). */
    @FunctionalInterface
    interface Visitor {
        void visit(Entry entry, InputStream content) throws IOException;
    }

    private Tar() {}

    static void read(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[512];
        Map<String, String> pax = new HashMap<>();
        while (readBlock(in, header)) {
            if (isZero(header)) {
                return; // the end: two zero blocks
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && text(header, 257, 5).equals("ustar")) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            Entry entry = new Entry(
                    pax.getOrDefault("path", name),
                    (int) octal(header, 100, 8) & 07777,
                    type,
                    Long.parseLong(pax.getOrDefault("size", Long.toString(size))),
                    pax.getOrDefault("linkpath", text(header, 157, 100)));
            pax.clear();
            Bounded content = new Bounded(in, entry.size());
            if (type == 'x') {
                pax.putAll(paxRecords(content.readAllBytes()));
            } else if (type != 'g') {
                visitor.visit(entry, content);
            }
            content.skipRest();
            skip(in, (512 - entry.size() % 512) % 512);
        }
    }

    /* PAX records: "LENGTH key=value\n", one after another. */
    private static Map<String, String> paxRecords(byte[] data) {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            String record = new String(data, space + 1, length - (space + 1 - at) - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            records.put(record.substring(0, eq), record.substring(eq + 1));
            at += length;
        }
        return records;
    }

    /* Skipped by reading, so that a digest computed on the way sees every byte (DigestInputStream does not count
     * skipped ones). */
    private static void skip(InputStream in, long count) throws IOException {
        byte[] scratch = new byte[8192];
        for (long left = count; left > 0; ) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new EOFException("a tar entry cut short");
            }
            left -= n;
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        if (read == 0) {
            return false;
        }
        if (read < block.length) {
            throw new EOFException("a tar header cut short after " + read + " bytes");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int from, int length) {
        String digits = text(header, from, length).strip();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("a PAX record without a length");
    }

    /** The bytes of one entry, and no more. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        void skipRest() throws IOException {
            Tar.skip(in, left);
            left = 0;
        }
    }
}
