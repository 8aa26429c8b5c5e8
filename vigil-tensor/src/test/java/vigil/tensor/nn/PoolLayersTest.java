package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.TestInputs.pattern;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * The pooling, flatten and upsample layers with PyTorch's constructor defaults; expected numbers
 * come from torch.nn layers run by /usr/bin/python3 (PyTorch 1.13) on x[i] = (7 i mod 11) - 5.
 */
class PoolLayersTest {
    @Test
    void maxPoolStrideDefaultsToTheKernel() {
        // torch.nn.MaxPool2d(2)(x [1, 1, 4, 4])
        Tensor y = new MaxPool2d(2).forward(pattern(1, 1, 4, 4));
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {2f, 5f, 3f, 5f}, y.data(), 0f);
    }

    @Test
    void avgPoolCountsPaddingByDefault() {
        // torch.nn.AvgPool2d(3, 2, 1)(x [1, 1, 4, 4])
        Tensor y = new AvgPool2d(3, 2, 1).forward(pattern(1, 1, 4, 4));
        assertArrayEquals(new float[] {-0.5555555820465088f, 0.6666666865348816f, -0.3333333432674408f,
            0.2222222238779068f},
                y.data(), 1e-6f);
    }

    @Test
    void adaptiveAvgPoolOfOneIsTheGlobalMean() {
        // torch.nn.AdaptiveAvgPool2d(1)(x [1, 2, 3, 3])
        Tensor y = new AdaptiveAvgPool2d(1).forward(pattern(1, 2, 3, 3));
        assertArrayEquals(new int[] {1, 2, 1, 1}, y.shape());
        assertArrayEquals(new float[] {-0.2222222238779068f, 0.4444444477558136f}, y.data(), 1e-6f);
    }

    @Test
    void flattenKeepsTheBatchDimension() {
        Tensor x = pattern(2, 3, 2, 2);
        Tensor y = new Flatten().forward(x);
        assertArrayEquals(new int[] {2, 12}, y.shape());
        assertArrayEquals(x.data(), y.data(), 0f);
    }

    @Test
    void upsampleToSizeWithAlignedCorners() {
        // torch.nn.Upsample(size=(3, 3), mode='bilinear', align_corners=True)(x [1, 1, 2, 2])
        Tensor y = Upsample.toSize(3, 3, true).forward(pattern(1, 1, 2, 2));
        assertArrayEquals(new float[] {-5.0f, -1.5f, 2.0f, -3.5f, 0.0f, 3.5f, -2.0f, 1.5f, 5.0f}, y.data(), 1e-6f);
    }

    @Test
    void upsampleByScaleFactorDoublesTheSize() {
        // torch.nn.Upsample(scale_factor=2, mode='bilinear')(x [1, 1, 2, 2])
        Tensor y = Upsample.byScale(2, 2, false).forward(pattern(1, 1, 2, 2));
        assertArrayEquals(new int[] {1, 1, 4, 4}, y.shape());
        assertArrayEquals(new float[] {-5.0f, -3.25f, 0.25f, 2.0f, -4.25f, -2.5f, 1.0f, 2.75f, -2.75f, -1.0f,
            2.5f, 4.25f, -2.0f, -0.25f, 3.25f, 5.0f}, y.data(), 1e-6f);
    }

    @Test
    void layersInASequentialPassGradientsThrough() {
        PReLU prelu = new PReLU(2);
        Sequential net = new Sequential(new AvgPool2d(2), Upsample.toSize(3, 5, false), prelu, new Flatten());
        Tensor x = GradCheck.randomInput(new Rng(4), -1f, 1f, 2, 2, 4, 6);
        // The PReLU weight is probed too: GradCheck perturbs the very tensor the layer holds.
        GradCheck.Result r = GradCheck.check(t -> new Tensor[] {net.forward(t[0])}, x, prelu.weight());
        assertPasses(r);
    }

    @Test
    void aPoolWithAMalformedKernelFailsAtConstruction() {
        assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(new int[] {2}, new int[] {2, 2}, new int[] {0, 0}, false));
    }
}
