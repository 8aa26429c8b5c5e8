package vigil.io.pth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vigil.tensor.DType;
import vigil.tensor.Tensor;

/**
 * Views, scalars and dtypes, from fixtures written by src/test/resources/pth/make_fixtures.py in both
 * torch.save formats. Expected values: /usr/bin/python3 (torch 1.13) {@code torch.load(f)[k].flatten().tolist()}.
 */
class PthReaderLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void keepsFileOrder(String file) throws Exception {
        assertEquals(List.of("base", "transposed", "tail", "column", "expanded", "scalar", "steps"),
                List.copyOf(PthReader.read(PthFixtures.resource(file)).keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void materialisesATransposedViewInLogicalOrder(String file) throws Exception {
        Tensor t = PthReader.read(PthFixtures.resource(file)).get("transposed"); // base.t(): strides (1, 4)
        assertArrayEquals(new int[] {4, 3}, t.shape());
        assertArrayEquals(new float[] {-1.0f, 0.0f, 1.0f, -0.75f, 0.25f, 1.25f, -0.5f, 0.5f, 1.5f, -0.25f, 0.75f, 1.75f},
                t.data(), 0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void materialisesASliceAtAStorageOffset(String file) throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.resource(file));
        Tensor tail = sd.get("tail"); // base[1:]: offset 4 into the shared 12-element storage
        assertArrayEquals(new int[] {2, 4}, tail.shape());
        assertArrayEquals(new float[] {0.0f, 0.25f, 0.5f, 0.75f, 1.0f, 1.25f, 1.5f, 1.75f}, tail.data(), 0f);
        assertEquals(8, tail.storage().length()); // owns just its elements, not the whole saved storage
        Tensor column = sd.get("column"); // base[:, 2]: stride 4, offset 2
        assertArrayEquals(new float[] {-0.5f, 0.5f, 1.5f}, column.data(), 0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void materialisesAStrideZeroExpandedView(String file) throws Exception {
        Tensor t = PthReader.read(PthFixtures.resource(file)).get("expanded");
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {-0.75f, -0.75f, -0.75f, -0.75f, -0.75f, -0.75f}, t.data(), 0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void readsZeroDimensionalFloatAndInt64Tensors(String file) throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.resource(file));
        assertArrayEquals(new int[0], sd.get("scalar").shape());
        assertEquals(2.5f, sd.get("scalar").item(), 0f);
        assertEquals(DType.INT64, sd.get("steps").dtype());
        assertArrayEquals(new int[0], sd.get("steps").shape());
        assertArrayEquals(new long[] {92385}, sd.get("steps").longs());
    }

    @Test
    void viewsOfOneStorageDoNotShareData() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.resource("views.pth"));
        assertNotSame(sd.get("base").data(), sd.get("tail").data());
        sd.get("base").data()[4] = 99f;
        assertEquals(0f, sd.get("tail").data()[0], 0f);
    }

    @Test
    void convertsFloatStoragesToFloat32Exactly() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.resource("dtypes.pth"));
        float[] expected = {-1.5f, 0.0f, 0.25f, 3.0f};
        for (String k : List.of("f32", "f64", "f16", "bf16")) {
            assertEquals(DType.FLOAT32, sd.get(k).dtype(), k);
            assertArrayEquals(expected, sd.get(k).data(), 0f, k);
        }
    }

    @Test
    void convertsIntegerStoragesWithoutLoss() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.resource("dtypes.pth"));
        assertArrayEquals(new long[] {-1099511627776L, -1, 0, 7}, sd.get("i64").longs());
        assertArrayEquals(new int[] {-1073741824, -1, 0, 7}, sd.get("i32").ints());
        assertArrayEquals(new int[] {-300, -1, 0, 7}, sd.get("i16").ints());
        assertArrayEquals(new byte[] {-128, -1, 0, 127}, sd.get("i8").bytes());
        assertArrayEquals(new int[] {0, 1, 128, 255}, sd.get("u8").ints()); // uint8 widened: INT8 is signed
        assertArrayEquals(new byte[] {1, 0, 0, 1}, sd.get("bool").bytes());
    }
}
