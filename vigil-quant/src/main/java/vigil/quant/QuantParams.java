package vigil.quant;

import java.util.Arrays;

/**
 * Parameters of the affine scheme r = S (q - Z), per tensor ({@code axis == PER_TENSOR}, one scale and
 * one zero point) or per channel along {@code axis} (one scale and zero point per index of that axis,
 * e.g. axis 0 of conv weights [O, C, kH, kW]). Zero points are plain ints; the quantizer checks they
 * fit the code type.
 */
public record QuantParams(float[] scales, int[] zeroPoints, int axis) {
    public static final int PER_TENSOR = -1;

    public QuantParams {
        if (scales.length == 0 || scales.length != zeroPoints.length) {
            throw new IllegalArgumentException("QuantParams: " + scales.length + " scales and "
                    + zeroPoints.length + " zero points (need the same, non-zero count)");
        }
        if (axis == PER_TENSOR && scales.length != 1) {
            throw new IllegalArgumentException("QuantParams: per-tensor parameters with " + scales.length + " scales");
        }
        if (axis < PER_TENSOR) {
            throw new IllegalArgumentException("QuantParams: axis " + axis);
        }
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
    }

    public static QuantParams perTensor(float scale, int zeroPoint) {
        return new QuantParams(new float[] {scale}, new int[] {zeroPoint}, PER_TENSOR);
    }

    public static QuantParams perChannel(float[] scales, int[] zeroPoints, int axis) {
        if (axis < 0) {
            throw new IllegalArgumentException("QuantParams.perChannel: axis " + axis + " (resolve negative axes first)");
        }
        return new QuantParams(scales, zeroPoints, axis);
    }

    public boolean isPerTensor() {
        return axis == PER_TENSOR;
    }

    public int channels() {
        return scales.length;
    }

    public float scale(int channel) {
        return scales[channel];
    }

    public int zeroPoint(int channel) {
        return zeroPoints[channel];
    }

    /**
     * For a row-major tensor of {@code shape}, the number of consecutive elements that share one
     * channel (the product of the dimensions after the axis), checking the channel count; 0 when per tensor.
     */
    public int innerSize(int[] shape, String op) {
        if (isPerTensor()) {
            return 0;
        }
        if (axis >= shape.length || shape[axis] != scales.length) {
            throw new IllegalArgumentException(op + ": " + scales.length + " per-channel parameters on axis " + axis
                    + " do not fit shape " + Arrays.toString(shape));
        }
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return inner;
    }

    /** The channel of flat element {@code i}, given {@link #innerSize}. */
    public int channelOf(int i, int inner) {
        return isPerTensor() ? 0 : (i / inner) % scales.length;
    }

    public void checkZeroPoints(QuantType type, String op) {
        for (int z : zeroPoints) {
            if (z < type.min() || z > type.max()) {
                throw new IllegalArgumentException(op + ": zero point " + z + " outside " + type + " range");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantParams p && axis == p.axis && Arrays.equals(scales, p.scales)
                && Arrays.equals(zeroPoints, p.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + axis;
    }

    @Override
    public String toString() {
        return "QuantParams[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints)
                + ", axis=" + axis + "]";
    }
}
