package vigil.quant;

import java.util.Random;

/** Random quantized tensors with power-of-two scales, so float-simulated twins are exact. */
final class QuantFixtures {
    private QuantFixtures() {}

    static QTensor random(Random rng, int[] shape, QuantType type, QuantParams params) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        byte[] codes = new byte[n];
        for (int i = 0; i < n; i++) {
            codes[i] = (byte) (type.min() + rng.nextInt(type.max() - type.min() + 1));
        }
        return new QTensor(codes, shape, type, params);
    }

    /** Per-output-channel symmetric int8 weight parameters (zero points 0) on axis 0, scales 2^-(4..7). */
    static QuantParams perChannelSymmetric(Random rng, int channels) {
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = (float) Math.scalb(1.0, -4 - rng.nextInt(4));
        }
        return QuantParams.perChannel(scales, new int[channels], 0);
    }

    static int[] randomBias(Random rng, int channels) {
        int[] b = new int[channels];
        for (int c = 0; c < channels; c++) {
            b[c] = rng.nextInt(20001) - 10000;
        }
        return b;
    }
}
