package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checksums and framing against tools/tfrecord/tfrecord_py.py (a table-driven CRC-32C in plain Python). */
class MaskedCrc32cTest {

    @Test
    void maskedCrcMatchesThePythonImplementation() {
        // tfrecord_py.masked_crc(b'123456789') == 0xc78ab0e5 (the CRC-32C check value 0xe3069283, masked)
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xc78ab0e5, MaskedCrc32c.of(check, 0, check.length));
        assertEquals(0xe3069283, MaskedCrc32c.unmask(0xc78ab0e5));
        assertEquals(0xa282ead8, MaskedCrc32c.of(new byte[0], 0, 0));
    }

    @Test
    void unmaskInvertsMask() {
        for (int crc : new int[] {0, 1, -1, 0x80000000, 0x12345678, 0xa282ead8}) {
            assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.mask(crc)));
        }
    }

    @Test
    void writerFramesARecordAsThePythonImplementation() throws Exception {
        // tfrecord_py.frame(b'abc').hex()
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TfRecordWriter w = TfRecordWriter.of(out, TfRecordCompression.NONE)) {
            w.write("abc".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals(HexFormat.of().parseHex("0300000000000000b099490e6162636e57f121"), out.toByteArray());
    }
}
