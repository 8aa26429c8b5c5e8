package vigil.data.tfrecord;

import java.util.zip.CRC32C;

/**
 * TFRecord's checksum: CRC-32C (Castagnoli) of a byte range, "masked" by rotating right by 15 bits
 * and adding a constant, so that a CRC stored inside checksummed data does not look like data.
 * The CRC itself is java.util.zip.CRC32C (a hardware intrinsic on x86 and ARM).
 */
public final class MaskedCrc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private MaskedCrc32c() {
    }

    /** The masked CRC-32C of bytes [offset, offset + length). */
    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask((int) crc.getValue());
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rotated = masked - MASK_DELTA;
        return (rotated >>> 17) | (rotated << 15);
    }
}
