package vigil.quant.int8;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Int8 fully connected layer (TFLite's FullyConnected with per-channel weights): acc[b, o] = bias[o] +
 * sum_k w[o, k] * (x[b, k] - Z_in), then the {@link OutputStage}. x: [n, in] -> y: [n, out].
 * The vector kernel runs along k (int16 products widened to int32 lanes, reduced at the end of the row).
 */
public final class Int8FullyConnected {
    private final short[] weight;
    private final int[] bias;
    private final int out;
    private final int in;
    private final int inputZeroPoint;
    private final OutputStage output;

    /** weight: [out, in] int8; bias: [out] int32 or null. */
    public Int8FullyConnected(byte[] weight, int[] bias, int out, int in, int inputZeroPoint, OutputStage output) {
        if (weight.length != out * in || (bias != null && bias.length != out) || output.channels() != out) {
            throw new IllegalArgumentException("Int8FullyConnected: " + weight.length + " weights, bias, "
                    + output.channels() + " output channels do not fit [" + out + ", " + in + "]");
        }
        if (in > Int8Gemm.MAX_DEPTH) {
            throw new IllegalArgumentException("Int8FullyConnected: " + in + " inputs could overflow int32");
        }
        this.weight = Widen.bytes(weight);
        this.bias = bias == null ? null : bias.clone();
        this.out = out;
        this.in = in;
        this.inputZeroPoint = inputZeroPoint;
        this.output = output;
    }

    public byte[] forward(byte[] x, int n) {
        return Int8Lanes.VECTOR ? forwardVector(x, n) : forwardScalar(x, n);
    }

    private short[] widened(byte[] x, int n) {
        if (x.length != n * in) {
            throw new IllegalArgumentException("Int8FullyConnected: input of " + x.length + " codes is not [" + n
                    + ", " + in + "]");
        }
        short[] xs = new short[x.length];
        Widen.minusZeroPoint(x, 0, xs, 0, x.length, inputZeroPoint);
        return xs;
    }

    byte[] forwardScalar(byte[] x, int n) {
        short[] xs = widened(x, n);
        byte[] y = new byte[n * out];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                int acc = bias == null ? 0 : bias[o];
                for (int k = 0; k < in; k++) {
                    acc += weight[o * in + k] * xs[b * in + k];
                }
                y[b * out + o] = (byte) output.apply(acc, o);
            }
        }
        return y;
    }

    byte[] forwardVector(byte[] x, int n) {
        short[] xs = widened(x, n);
        int lanes = Int8Lanes.L;
        int bound = in - in % lanes;
        byte[] y = new byte[n * out];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                IntVector a = IntVector.zero(Int8Lanes.INT);
                for (int k = 0; k < bound; k += lanes) {
                    a = Int8Lanes.fma(a, ShortVector.fromArray(Int8Lanes.SHORT, xs, b * in + k),
                            ShortVector.fromArray(Int8Lanes.SHORT, weight, o * in + k));
                }
                int acc = (bias == null ? 0 : bias[o]) + a.reduceLanes(VectorOperators.ADD);
                for (int k = bound; k < in; k++) {
                    acc += weight[o * in + k] * xs[b * in + k];
                }
                y[b * out + o] = (byte) output.apply(acc, o);
            }
        }
        return y;
    }
}
