package vigil.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;

class SafeTensorsTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.of(new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f, 7f}, 2, 3));
        t.put("labels", Tensor.ofLongs(new long[] {Long.MAX_VALUE, -1}, 2));
        t.put("q", Tensor.ofBytes(new byte[] {-128, 127, 0}, 3));
        t.put("acc", Tensor.ofInts(new int[] {Integer.MIN_VALUE}, 1));
        t.put("step", Tensor.ofLongs(new long[] {42}));
        Path f = tmp.resolve("m.safetensors");
        SafeTensors.write(f, t, Map.of("config", "{\"a\": 1}"));
        SafeTensorsFile back = SafeTensors.read(f);
        assertEquals(t.keySet(), back.tensors().keySet());
        assertArrayEquals(t.get("w").data(), back.tensors().get("w").data());
        assertArrayEquals(new int[] {2, 3}, back.tensors().get("w").shape());
        assertArrayEquals(t.get("labels").longs(), back.tensors().get("labels").longs());
        assertArrayEquals(t.get("q").bytes(), back.tensors().get("q").bytes());
        assertArrayEquals(t.get("acc").ints(), back.tensors().get("acc").ints());
        assertArrayEquals(new int[0], back.tensors().get("step").shape());
        assertEquals("{\"a\": 1}", back.metadata().get("config"));
    }

    @Test
    void headerIsPaddedSoDataStartsEightByteAligned() throws IOException {
        Path f = tmp.resolve("a.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.zeros(3)), Map.of());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8);
        assertEquals(8 + n + 12, Files.size(f));
    }

    @Test
    void offsetsBeyondTheFileAreRefusedWithTheTensorName() throws IOException {
        Path f = write("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("tensor x") && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void sizeThatDisagreesWithShapeIsRefused() throws IOException {
        Path f = write("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
    }

    @Test
    void hugeHeaderLengthIsRefusedWithoutAllocating() throws IOException {
        Path f = tmp.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(Long.MAX_VALUE / 2);
        Files.write(f, b.array());
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("header length"), e.getMessage());
    }

    @Test
    void enormousShapeIsRefused() throws IOException {
        Path f = write("{\"x\":{\"dtype\":\"F32\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,4]}}", 4);
        assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
    }

    @Test
    void invalidJsonIsReported() throws IOException {
        Path f = write("{\"x\": [", 0);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());
    }

    private Path write(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = tmp.resolve("bad" + header.hashCode() + ".safetensors");
        Files.write(f, b.array());
        return f;
    }
}
