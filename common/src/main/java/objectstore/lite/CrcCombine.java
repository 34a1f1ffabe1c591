package objectstore.lite;

/**
 * The CRC of two byte ranges joined, from the CRC of each and the second one's length: crc(A || B) without reading A or
 * B again.
 *
 * <p>It holds for the reflected CRCs whose initial value and final XOR are all ones, which CRC-32, CRC-32C and
 * CRC-64/NVME all are. Appending B to A shifts A's remainder by 8 × len(B) zero bits, that is, multiplies it by x^(8 ×
 * len(B)) modulo the polynomial; the all-ones conditioning cancels out, so the shifted remainder XOR crc(B) is crc(A ||
 * B). The shift is built from a table of x^(2^k) mod p, one multiplication per set bit of the length, as zlib's
 * {@code crc32_combine} does. A part's CRC computed while it is sent, or a range's while it arrives in any order, so
 * gives the whole object's CRC with no second pass.
 */
final class CrcCombine {

    private final int width;
    private final long polynomial;
    /** The top bit of a width-bit value: x^0 in the reflected order. */
    private final long one;
    /** {@code powers[k]} is x^(2^k) mod p; k runs far enough for any length in bytes times 8. */
    private final long[] powers = new long[64 + 3];

    /** The combination for a {@code width}-bit (32 or 64) reflected CRC with this reflected {@code polynomial}. */
    CrcCombine(int width, long polynomial) {
        this.width = width;
        this.polynomial = polynomial;
        this.one = 1L << (width - 1);
        long power = one >>> 1; // x^1
        for (int k = 0; k < powers.length; k++) {
            powers[k] = power;
            power = multiply(power, power);
        }
    }

    /** crc(A || B) from {@code crcA}, {@code crcB} and B's length in bytes. */
    long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("a length cannot be negative; got " + lengthB);
        }
        return multiply(shiftFor(lengthB), crcA) ^ crcB;
    }

    /** x^(8 × length) mod p: the product of x^(2^k) for every set bit k of the length in bits. */
    private long shiftFor(long lengthBytes) {
        long product = one;
        int k = 3; // bytes to bits: the length's bit 0 stands for 2^3 bits
        for (long n = lengthBytes; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                product = multiply(powers[k], product);
            }
        }
        return product;
    }

    /** a × b mod p, both in the reflected order (x^0 in the top bit). */
    private long multiply(long a, long b) {
        if (a == 0) {
            return 0;
        }
        long product = 0;
        long bit = one;
        while (true) {
            if ((a & bit) != 0) {
                product ^= b;
                if ((a & (bit - 1)) == 0) {
                    return product;
                }
            }
            bit >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ polynomial : b >>> 1;
        }
    }

    /** The width in bits. */
    int width() {
        return width;
    }
}
