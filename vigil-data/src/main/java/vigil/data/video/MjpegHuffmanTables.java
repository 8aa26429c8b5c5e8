package vigil.data.video;

import java.io.ByteArrayOutputStream;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * Motion JPEG frames usually leave out their Huffman tables (no DHT segment): the AVI MJPEG
 * convention is that decoders use the example tables of the JPEG standard (ITU T.81 Annex K.3),
 * which ffmpeg and libjpeg-based players insert. A stand-alone JPEG decoder (ImageIO) refuses such
 * a frame, so {@link #withStandardTables} splices one DHT segment with those four tables in
 * front of the frame's first SOF marker.
 */
final class MjpegHuffmanTables {
    /** One DHT segment: DC/AC tables 0 (luminance) and 1 (chrominance) of Annex K.3, from the JDK's copy of them. */
    private static final byte[] STANDARD_DHT = standardDhtSegment();

    private MjpegHuffmanTables() {
    }

    /**
     * The frame unchanged when it has a DHT segment before its first scan, else a copy with the
     * standard tables inserted before the frame header (SOF). Returns the input unchanged too when
     * the marker walk finds no SOF (the decoder then reports the real fault).
     */
    static byte[] withStandardTables(byte[] jpeg) {
        int insertAt = -1;
        int pos = 2; // after SOI
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return jpeg;
        }
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xff) {
                return jpeg;
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xc4) {
                return jpeg; // has its own tables
            }
            if (marker == 0xda) {
                break;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame && insertAt < 0) {
                insertAt = pos;
            }
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            pos += 2 + length;
        }
        if (insertAt < 0) {
            return jpeg;
        }
        byte[] out = new byte[jpeg.length + STANDARD_DHT.length];
        System.arraycopy(jpeg, 0, out, 0, insertAt);
        System.arraycopy(STANDARD_DHT, 0, out, insertAt, STANDARD_DHT.length);
        System.arraycopy(jpeg, insertAt, out, insertAt + STANDARD_DHT.length, jpeg.length - insertAt);
        return out;
    }

    private static byte[] standardDhtSegment() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        table(body, 0x00, JPEGHuffmanTable.StdDCLuminance);
        table(body, 0x10, JPEGHuffmanTable.StdACLuminance);
        table(body, 0x01, JPEGHuffmanTable.StdDCChrominance);
        table(body, 0x11, JPEGHuffmanTable.StdACChrominance);
        byte[] tables = body.toByteArray();
        int length = tables.length + 2;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xff;
        segment[1] = (byte) 0xc4;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(tables, 0, segment, 4, tables.length);
        return segment;
    }

    /** Tc/Th byte (class << 4 | id), 16 code counts per bit length, then the symbol values. */
    private static void table(ByteArrayOutputStream out, int classAndId, JPEGHuffmanTable table) {
        out.write(classAndId);
        for (short n : table.getLengths()) {
            out.write(n);
        }
        for (short v : table.getValues()) {
            out.write(v);
        }
    }
}
