package vigil.liveness.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/** The int8 safetensors file: an exact round trip, and clear refusals of damaged files. */
class Int8ModelFileTest {
    @TempDir
    Path tmp;

    private static byte[] randomInput(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] x = new byte[3 * 80 * 80];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (r.nextInt(256) - 128);
        }
        return x;
    }

    @Test
    void roundTripGivesIdenticalCodesAtEveryPoint() throws IOException {
        Int8MiniFasNet m = Int8Fixtures.quantized(Int8Fixtures.V1SE_FILE);
        Path file = tmp.resolve("m" + Int8ModelFile.SUFFIX);
        Int8ModelFile.write(file, m);
        Int8MiniFasNet back = Int8ModelFile.read(file);
        byte[] x = randomInput(3);
        Map<String, byte[]> a = m.forwardAll(x, 1);
        Map<String, byte[]> b = back.forwardAll(x, 1);
        for (String p : a.keySet()) {
            assertArrayEquals(a.get(p), b.get(p), "point " + p);
        }
        assertTrue(Files.size(file) < 600_000, "int8 file of " + Files.size(file) + " bytes");
    }

    @Test
    void truncatedFileIsRefusedWithItsName() throws IOException {
        Path file = tmp.resolve("t" + Int8ModelFile.SUFFIX);
        Int8ModelFile.write(file, Int8Fixtures.quantized(Int8Fixtures.V2_FILE));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> Int8ModelFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path file = tmp.resolve("full" + Int8ModelFile.SUFFIX);
        Int8ModelFile.write(file, Int8Fixtures.quantized(Int8Fixtures.V2_FILE));
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, Tensor> kept = new LinkedHashMap<>(st.tensors());
        kept.remove("conv_4.model.2.conv_dw.bias");
        Path broken = tmp.resolve("broken" + Int8ModelFile.SUFFIX);
        SafeTensors.write(broken, kept, st.metadata());
        IOException e = assertThrows(IOException.class, () -> Int8ModelFile.read(broken));
        assertTrue(e.getMessage().contains("conv_4.model.2.conv_dw.bias") && e.getMessage().contains(broken.toString()),
                e.getMessage());
    }

    @Test
    void wrongTypeAndForeignFilesAreRefused() throws IOException {
        Path file = tmp.resolve("full" + Int8ModelFile.SUFFIX);
        Int8ModelFile.write(file, Int8Fixtures.quantized(Int8Fixtures.V2_FILE));
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, Tensor> changed = new LinkedHashMap<>(st.tensors());
        changed.put("conv1.weight", Tensor.of(new float[32 * 27], 32, 3, 3, 3));
        Path wrong = tmp.resolve("wrong" + Int8ModelFile.SUFFIX);
        SafeTensors.write(wrong, changed, st.metadata());
        IOException e = assertThrows(IOException.class, () -> Int8ModelFile.read(wrong));
        assertTrue(e.getMessage().contains("conv1.weight") && e.getMessage().contains("INT8"), e.getMessage());

        Path foreign = tmp.resolve("float.safetensors");
        SafeTensors.write(foreign, Map.of("w", Tensor.of(new float[] {1f}, 1)), Map.of());
        IOException f = assertThrows(IOException.class, () -> Int8ModelFile.read(foreign));
        assertTrue(f.getMessage().contains("not an int8 MiniFASNet file"), f.getMessage());
    }
}
