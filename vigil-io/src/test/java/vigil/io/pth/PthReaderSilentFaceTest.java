package vigil.io.pth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.DType;
import vigil.tensor.Tensor;

/**
 * The real Silent-Face checkpoints (legacy torch.save stream format, saved from nn.DataParallel).
 * Expected numbers come from /usr/bin/python3 with torch 1.13:
 * {@code sd = torch.load(path, map_location='cpu')}, then {@code len(sd)}, {@code list(sd)},
 * {@code sd[k].shape}, {@code sd[k].flatten()[:4].tolist()}, and the float64 sums
 * {@code sum(float(v.double().sum()) for float32 v)} / {@code .abs().sum()} and {@code sum(int(v.sum()) for int64 v)}.
 */
class PthReaderSilentFaceTest {
    private static final String V2 = "2.7_80x80_MiniFASNetV2.pth";
    private static final String V1SE = "4_0_0_80x80_MiniFASNetV1SE.pth";

    @Test
    void readsMiniFasNetV2KeysInFileOrder() throws Exception {
        List<String> keys = List.copyOf(PthReader.read(PthFixtures.silentFace(V2)).keySet());
        assertEquals(334, keys.size());
        assertEquals(List.of("module.conv1.conv.weight", "module.conv1.bn.weight", "module.conv1.bn.bias"),
                keys.subList(0, 3));
        assertEquals(List.of("module.bn.running_var", "module.bn.num_batches_tracked", "module.prob.weight"),
                keys.subList(331, 334));
    }

    @Test
    void readsMiniFasNetV2ShapesAndValues() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.silentFace(V2));
        assertTensor(sd.get("module.conv1.conv.weight"), new int[] {32, 3, 3, 3},
                -0.03305232152342796, -0.01762656681239605, 0.032551463693380356, 0.001155474572442472);
        assertTensor(sd.get("module.conv1.bn.running_var"), new int[] {32},
                957.8290405273438, 77.84707641601562, 475.0696716308594, 2704.16796875);
        assertTensor(sd.get("module.prob.weight"), new int[] {3, 128},
                0.047721169888973236, -0.054318591952323914, 0.0456666573882103, 0.052711471915245056);
        assertArrayEquals(new int[] {512, 1, 5, 5}, sd.get("module.conv_6_dw.conv.weight").shape());
        assertArrayEquals(new int[] {128, 512}, sd.get("module.linear.weight").shape());
    }

    @Test
    void readsNumBatchesTrackedAsAnInt64Scalar() throws Exception {
        Tensor t = PthReader.read(PthFixtures.silentFace(V2)).get("module.conv1.bn.num_batches_tracked");
        assertEquals(DType.INT64, t.dtype());
        assertArrayEquals(new int[0], t.shape());
        assertArrayEquals(new long[] {92385}, t.longs());
    }

    @Test
    void everyMiniFasNetV2TensorMatchesTorchLoadInSum() throws Exception {
        assertSums(PthReader.read(PthFixtures.silentFace(V2)), 34960.726277747126, 41423.56104948152, 4619250);
    }

    @Test
    void readsMiniFasNetV1SeWithItsSqueezeExciteWeights() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.silentFace(V1SE));
        assertEquals(370, sd.size());
        assertTrue(sd.containsKey("module.conv_3.model.3.se_module.fc1.weight"));
        assertTensor(sd.get("module.conv1.conv.weight"), new int[] {32, 3, 3, 3},
                0.003957771696150303, 0.12327080219984055, 0.13423162698745728, -0.015983300283551216);
        assertArrayEquals(new long[] {51500}, sd.get("module.bn.num_batches_tracked").longs());
        assertSums(sd, 31742.45426949554, 37800.25664764356, 2884000);
    }

    @Test
    void stripsTheDataParallelPrefixKeepingOrderAndTensors() throws Exception {
        Map<String, Tensor> sd = PthReader.read(PthFixtures.silentFace(V2));
        Map<String, Tensor> stripped = PthReader.stripModulePrefix(sd);
        List<String> keys = List.copyOf(stripped.keySet());
        assertEquals(334, keys.size());
        assertEquals(List.of("conv1.conv.weight", "conv1.bn.weight"), keys.subList(0, 2));
        assertEquals("prob.weight", keys.getLast());
        assertTrue(stripped.get("prob.weight") == sd.get("module.prob.weight"));
    }

    private static void assertTensor(Tensor t, int[] shape, double... first) {
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(shape, t.shape());
        float[] d = t.data();
        for (int i = 0; i < first.length; i++) {
            assertEquals((float) first[i], d[i], 0f, "element " + i); // the same float32 bits torch holds
        }
    }

    /** float64 sum and sum of |x| over all float32 tensors, sum over all int64 tensors: every element checked. */
    private static void assertSums(Map<String, Tensor> sd, double sum, double absSum, long intSum) {
        double s = 0;
        double a = 0;
        long li = 0;
        for (Tensor t : sd.values()) {
            if (t.dtype() == DType.FLOAT32) {
                for (float v : t.data()) {
                    s += v;
                    a += Math.abs(v);
                }
            } else {
                for (long v : t.longs()) {
                    li += v;
                }
            }
        }
        assertEquals(sum, s, 1e-9 * Math.abs(sum));
        assertEquals(absSum, a, 1e-9 * absSum);
        assertEquals(intSum, li);
    }
}
