package vigil.face.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

class TfLayersTest {
    @Test
    void samePaddingPutsTheOddPixelAfter() {
        // TF: out = ceil(in / s), total = (out - 1) s + k - in; before = total / 2.
        assertArrayEquals(new int[] {0, 1}, TfLayers.samePadding(112, 3, 2));
        assertArrayEquals(new int[] {1, 1}, TfLayers.samePadding(56, 3, 1));
        assertArrayEquals(new int[] {0, 1}, TfLayers.samePadding(13, 2, 1));
        assertArrayEquals(new int[] {0, 0}, TfLayers.samePadding(414, 2, 2));
    }

    @Test
    void strideTwoSameConvolutionReadsNoPaddingAtTheTopLeft() {
        // 4x4 ramp, 3x3 all-ones filter, stride 2, one zero row/column after: windows start at 0 and 2.
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        Tensor y = TfLayers.conv2d(Tensor.of(x, 1, 1, 4, 4), Tensor.ones(1, 1, 3, 3), null, 2, true, 1);
        // window sums by hand: rows 0-2 x cols 0-2; rows 0-2 x cols 2-3; rows 2-3 x cols 0-2; rows 2-3 x cols 2-3.
        assertArrayEquals(new float[] {45, 39, 66, 50}, y.data(), 0f);
    }

    @Test
    void maxPoolSameIgnoresThePadding() {
        float[] x = {-5, -4, -3, -2, -1, -6, -7, -8, -9};
        Tensor y = TfLayers.maxPoolSame(Tensor.of(x, 1, 1, 3, 3), 2, 1);
        // 3x3 out, padded bottom/right with -inf: the last row/column windows see only real cells.
        assertArrayEquals(new float[] {-1, -1, -3, -1, -1, -6, -7, -8, -9}, y.data(), 0f);
    }

    @Test
    void convFilterMovesTfOutputChannelsFirst() {
        // TF [kh=1, kw=2, in=1, out=2]: element (0, x, 0, o) = 10 x + o.
        Tensor w = TfLayers.convFilter(new float[] {0, 1, 10, 11}, 1, 2, 1, 2);
        assertArrayEquals(new int[] {2, 1, 1, 2}, w.shape());
        assertArrayEquals(new float[] {0, 10, 1, 11}, w.data(), 0f);
    }
}
