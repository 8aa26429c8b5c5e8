package vigil.liveness.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.liveness.train.TrainBatch;
import vigil.tensor.Tensor;

/** Class-balanced, mirrored, reproducible crop batches. */
class CropBatchSourceTest {

    private static List<LabelledCrops.Crop> oneLiveNineSpoofs() {
        List<LabelledCrops.Crop> crops = new ArrayList<>();
        crops.add(new LabelledCrops.Crop(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 1, 2), 1, "live"));
        for (int i = 0; i < 9; i++) {
            crops.add(new LabelledCrops.Crop(Tensor.full(-i, 3, 1, 2), 2, "spoof" + i));
        }
        return crops;
    }

    @Test
    void liveAndSpoofAreDrawnEquallyOften() {
        CropBatchSource s = new CropBatchSource(oneLiveNineSpoofs(), 10, 3);
        int live = 0;
        int n = 0;
        for (long k = 0; k < 100; k++) {
            for (long y : s.batch(k).targets().longs()) {
                live += y == 1 ? 1 : 0;
                n++;
            }
        }
        // binomial(1000, 1/2): sd 15.8; 5 sd either side
        assertEquals(500, live, 80, "live draws of " + n);
    }

    @Test
    void aBatchIsFixedByItsIndexAndCropsAreMirroredOrCopied() {
        CropBatchSource s = new CropBatchSource(oneLiveNineSpoofs(), 6, 5);
        TrainBatch a = s.batch(7);
        assertArrayEquals(a.inputs().data(), s.batch(7).inputs().data());
        float[] x = a.inputs().data();
        long[] y = a.targets().longs();
        for (int b = 0; b < 6; b++) {
            if (y[b] == 1) {
                float[] row = java.util.Arrays.copyOfRange(x, b * 6, b * 6 + 6);
                boolean copied = java.util.Arrays.equals(row, new float[] {1, 2, 3, 4, 5, 6});
                boolean mirrored = java.util.Arrays.equals(row, new float[] {2, 1, 4, 3, 6, 5});
                assertTrue(copied || mirrored, java.util.Arrays.toString(row));
            }
        }
    }
}
