package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * Fake quantization against torch 1.13 (/usr/bin/python3): y = torch.fake_quantize_per_tensor_affine /
 * fake_quantize_per_channel_affine(x, ...), (y * seed).sum().backward(); printed with 9 significant digits.
 * Forward values must match exactly (the op is a rounding; PyTorch's kernel is reproduced bit for bit),
 * gradients exactly (they are the seed or 0).
 */
class FakeQuantizeTest {

    private static Tensor seeded(Tensor y, int n) {
        float[] seed = new float[n];
        for (int i = 0; i < n; i++) {
            seed[i] = i + 1;
        }
        return y.mul(Tensor.of(seed, y.shape())).sum();
    }

    @Test
    void perTensorRoundsHalfToEvenAndMasksOutsideTheRange() {
        // scale 0.25, zero point 3, range [0, 15]: x * 4 hits .5 ties; q = 15 is x = 3, q = 15.5 -> 16 is out;
        // -0.875 * 4 = -3.5 -> -4 (even) + 3 = -1 is out, -0.625 * 4 = -2.5 -> -2 + 3 = 1 is in.
        Tensor x = Tensor.of(new float[] {-0.875f, -0.625f, -0.375f, -0.125f, 0.125f, 0.375f, 0.625f, 2.875f, 3f,
            3.125f, 3.25f, -0.75f, -0.8125f, -100f, 100f, 1.0625f}, 16).requiresGrad(true);
        Tensor y = FakeQuantize.perTensor(x, 0.25f, 3, 0, 15);
        seeded(y, 16).backward();
        assertArrayEquals(new float[] {-0.75f, -0.5f, -0.5f, 0f, 0f, 0.5f, 0.5f, 3f, 3f, 3f, 3f, -0.75f, -0.75f, -0.75f,
            3f, 1f}, y.data(), 0f);
        assertArrayEquals(new float[] {0f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 0f, 12f, 13f, 0f, 0f, 16f},
                x.grad().data(), 0f);
    }

    @Test
    void perTensorMultipliesByTheFloatReciprocalAsPyTorchDoes() {
        // Near-ties (k + 0.5) * 0.037f where x * (1 / s) and x / s round differently; dividing would give
        // -3.55200005, -3.40400004, -3.25600004, -3.10800004.
        Tensor x = Tensor.of(new float[] {-3.57050014f, -3.42250013f, -3.27450013f, -3.12650013f}, 4);
        Tensor y = FakeQuantize.perTensor(x, 0.037f, 0, -128, 127);
        assertArrayEquals(new float[] {-3.58899999f, -3.44099998f, -3.29299998f, -3.14499998f}, y.data(), 0f);
    }

    @Test
    void perChannelOnAxisOneMatchesPyTorch() {
        // x [2, 3, 2], scale [0.25, 0.5, 0.1], zero point [0, -2, 5], range [-8, 7].
        Tensor x = Tensor.of(new float[] {0.125f, 0.375f, 1.25f, -4.75f, 0.150000006f, 0.25f, 1.875f, -2.125f, -3f,
            4.5f, -0.850000024f, 0.349999994f}, 2, 3, 2).requiresGrad(true);
        Tensor y = FakeQuantize.perChannel(x, Tensor.of(new float[] {0.25f, 0.5f, 0.1f}, 3),
                Tensor.ofLongs(new long[] {0, -2, 5}, 3), 1, -8, 7);
        seeded(y, 12).backward();
        assertArrayEquals(new float[] {0f, 0.5f, 1f, -3f, 0.200000003f, 0.200000003f, 1.75f, -2f, -3f, 4.5f,
            -0.800000012f, 0.200000003f}, y.data(), 0f);
        assertArrayEquals(new float[] {1f, 2f, 3f, 0f, 5f, 6f, 0f, 8f, 9f, 10f, 11f, 0f}, x.grad().data(), 0f);
    }

    @Test
    void perChannelOnTheLastAxisAcceptsANegativeAxis() {
        // torch (axis 1 of [3, 2]; torch 1.13 rejects -1): scale [0.5, 0.25], zero point [1, 0], range [0, 3].
        Tensor x = Tensor.of(new float[] {0.25f, 0.125f, -0.75f, 0.875f, 1.25f, 0.625f}, 3, 2).requiresGrad(true);
        Tensor y = FakeQuantize.perChannel(x, Tensor.of(new float[] {0.5f, 0.25f}, 2),
                Tensor.ofInts(new int[] {1, 0}, 2), -1, 0, 3);
        y.sum().backward();
        assertArrayEquals(new float[] {0f, 0f, -0.5f, 0.75f, 1f, 0.5f}, y.data(), 0f);
        assertArrayEquals(new float[] {1f, 1f, 0f, 0f, 1f, 1f}, x.grad().data(), 0f);
    }

    @Test
    void zeroPointOutsideTheRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeQuantize.perTensor(Tensor.zeros(2), 0.1f, 300, 0, 255));
        assertTrue(e.getMessage().contains("fake_quantize_per_tensor_affine"), e.getMessage());
    }

    @Test
    void perChannelScaleOfTheWrongLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeQuantize.perChannel(Tensor.zeros(2, 3), Tensor.ones(2), Tensor.ofLongs(new long[3], 3), 1,
                        -128, 127));
        assertTrue(e.getMessage().contains("fake_quantize_per_channel_affine"), e.getMessage());
    }
}
