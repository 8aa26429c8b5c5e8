package vigil.face.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {
    @TempDir
    Path dir;

    // A uint8-quantized [2, 2] tensor followed by a float32 [3] tensor, as TF.js's converter lays them out.
    private static final String MANIFEST = """
            [{"paths": ["m.bin"], "weights": [
              {"name": "a/filters", "shape": [2, 2], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.25}},
              {"name": "a/bias", "shape": [3], "dtype": "float32"}]}]""";

    private Path write(String manifest, byte[] bin) throws IOException {
        Files.write(dir.resolve("m.bin"), bin);
        Path m = dir.resolve("m-weights_manifest.json");
        Files.writeString(m, manifest);
        return m;
    }

    private static byte[] validBinary() {
        ByteBuffer b = ByteBuffer.allocate(4 + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 1).put((byte) 10).put((byte) 255);
        b.putFloat(1.5f).putFloat(-2f).putFloat(3.25f);
        return b.array();
    }

    @Test
    void quantizedValuesAreQTimesScalePlusMin() throws IOException {
        TfjsWeights w = TfjsWeights.load(write(MANIFEST, validBinary()));
        // q = 0, 1, 10, 255 -> q * 0.5 - 1.25, all exact in float32.
        assertArrayEquals(new float[] {-1.25f, -0.75f, 3.75f, 126.25f}, w.get("a/filters", 2, 2), 0f);
    }

    @Test
    void float32ValuesFollowTheQuantizedOnesLittleEndian() throws IOException {
        TfjsWeights w = TfjsWeights.load(write(MANIFEST, validBinary()));
        assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, w.get("a/bias", 3), 0f);
    }

    @Test
    void binaryShorterThanTheManifestNamesFileAndTensor() throws IOException {
        byte[] shortBin = java.util.Arrays.copyOf(validBinary(), 10);
        TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> TfjsWeights.load(write(MANIFEST, shortBin)));
        assertTrue(e.getMessage().contains("m-weights_manifest.json") && e.getMessage().contains("'a/bias'"),
                e.getMessage());
    }

    @Test
    void binaryLongerThanTheManifestIsAnError() throws IOException {
        byte[] longBin = java.util.Arrays.copyOf(validBinary(), 20);
        TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> TfjsWeights.load(write(MANIFEST, longBin)));
        assertTrue(e.getMessage().contains("20 bytes") && e.getMessage().contains("16"), e.getMessage());
    }

    @Test
    void wrongExpectedShapeNamesTheTensor() throws IOException {
        TfjsWeights w = TfjsWeights.load(write(MANIFEST, validBinary()));
        TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> w.get("a/filters", 4));
        assertTrue(e.getMessage().contains("'a/filters'") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void missingShardIsAnErrorNamingIt() throws IOException {
        Path m = dir.resolve("x-weights_manifest.json");
        Files.writeString(m, MANIFEST.replace("m.bin", "absent.bin"));
        TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> TfjsWeights.load(m));
        assertTrue(e.getMessage().contains("absent.bin"), e.getMessage());
    }

    @Test
    void unsupportedQuantizationIsRejected() throws IOException {
        String float16 = MANIFEST.replace("\"dtype\": \"uint8\"", "\"dtype\": \"float16\"");
        TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> TfjsWeights.load(write(float16, validBinary())));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }
}
