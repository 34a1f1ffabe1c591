package objectstore.lite;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import objectstore.lite.SigV4.Request;

/**
 * The parts of SigV4's canonical request that follow rules rather than arithmetic: URI encoding, the headers in order
 * with their values trimmed, the query sorted. {@link SigV4Signer} writes them into buffers it reuses, with no map or
 * list of pairs; {@link SigV4Reference} shows the same rules the plain way.
 */
public final class SigV4Canonical {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private SigV4Canonical() {}

    /*
     * URI encoding as SigV4 defines it: every UTF-8 byte but A-Z a-z 0-9 - _ . ~ becomes %XY (upper-case
     * hex); '/' is kept in paths. A space is %20, never '+'. S3 object keys are encoded exactly once and
     * never normalized: "a//b/./c/../d" keeps every slash and dot, because those are part of the key.
     *
     * Text becomes UTF-8 in one way in the fast signer, the JDK's (String.getBytes), here and where the
     * canonical request and the string to sign are hashed. An unpaired surrogate is not a character and has
     * no UTF-8: the JDK writes '?' for it, so it is signed as "%3F" in a path or query and as '?' in a
     * header value. The AWS SDK's signer does the same (URLEncoder, then getBytes), and
     * SigV4DifferentialTest holds both signers to it.
     */

    /** Appends {@code s} URI-encoded to {@code out}, keeping '/' when {@code keepSlash}. */
    public static void uriEncode(CharSequence s, boolean keepSlash, StringBuilder out) {
        int length = s.length();
        int i = 0;
        while (i < length) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                int end = i + 1;
                while (end < length && s.charAt(end) >= 0x80) {
                    end++;
                }
                for (byte b : s.subSequence(i, end).toString().getBytes(UTF_8)) {
                    percent(b & 0xff, out);
                }
                i = end;
            } else {
                if (isUnreserved(c) || c == '/' && keepSlash) {
                    out.append(c);
                } else {
                    percent(c, out);
                }
                i++;
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }

    private static void percent(int b, StringBuilder out) {
        out.append('%').append(UPPER_HEX[b >> 4 & 0xf]).append(UPPER_HEX[b & 0xf]);
    }

    /*
     * Canonical headers: names lowercased (done when added), sorted; the values of a repeated name
     * joined with ',' in the order they were added; each value trimmed, inner runs of whitespace
     * collapsed to one space. Requests hold a handful of headers, so an insertion sort of indexes does.
     */

    /** The names of the headers signed, in order, once each, joined by ';': written into {@code names}. */
    static String signedHeaders(Request request, int[] order, StringBuilder names) {
        names.setLength(0);
        String previous = null;
        for (int index : order) {
            String name = request.headerNames.get(index);
            if (!name.equals(previous)) {
                if (previous != null) {
                    names.append(';');
                }
                names.append(name);
                previous = name;
            }
        }
        return names.toString();
    }

    /** Appends a {@code name:value,value\n} line for each header name, in order. */
    static void appendHeaders(Request request, int[] order, StringBuilder text) {
        String previous = null;
        for (int index : order) {
            String name = request.headerNames.get(index);
            if (name.equals(previous)) {
                text.append(',');
            } else {
                if (previous != null) {
                    text.append('\n');
                }
                text.append(name).append(':');
                previous = name;
            }
            appendTrimmed(request.headerValues.get(index), text);
        }
        if (previous != null) {
            text.append('\n');
        }
    }

    /**
     * The indexes of the request's headers in name order; stable, so a repeated name keeps its values in the order
     * added.
     */
    static int[] headerOrder(Request request) {
        ArrayList<String> names = request.headerNames;
        int[] order = new int[names.size()];
        for (int i = 0; i < order.length; i++) {
            int j = i - 1;
            String name = names.get(i);
            while (j >= 0 && names.get(order[j]).compareTo(name) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = i;
        }
        return order;
    }

    private static void appendTrimmed(String value, StringBuilder text) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                pendingSpace = true;
            } else {
                if (pendingSpace) {
                    text.append(' ');
                    pendingSpace = false;
                }
                text.append(c);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /*
     * The canonical query string: every name and value URI-encoded (see uriEncode), pairs sorted by
     * encoded name, then by encoded value, joined as name=value with '&'. A name without a value is
     * "name=". The same string goes on the wire, so the server sees the order it was signed in.
     */

    /** The canonical query string, built in {@code text}. */
    static String query(Request request, StringBuilder text) {
        int count = request.queryNames.size();
        if (count == 0) {
            return "";
        }
        String[] names = new String[count];
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            text.setLength(0);
            uriEncode(request.queryNames.get(i), false, text);
            names[i] = text.toString();
            text.setLength(0);
            uriEncode(request.queryValues.get(i), false, text);
            values[i] = text.toString();
        }
        for (int i = 1; i < count; i++) {
            String name = names[i];
            String value = values[i];
            int j = i - 1;
            while (j >= 0
                    && (names[j].compareTo(name) > 0 || names[j].equals(name) && values[j].compareTo(value) > 0)) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = name;
            values[j + 1] = value;
        }
        text.setLength(0);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append('&');
            }
            text.append(names[i]).append('=').append(values[i]);
        }
        return text.toString();
    }
}
