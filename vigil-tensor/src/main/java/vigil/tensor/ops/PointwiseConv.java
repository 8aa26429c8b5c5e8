package vigil.tensor.ops;

import vigil.tensor.parallel.Parallel;

/**
 * 1x1 convolution (stride 1, no padding, one group) over a whole batch without im2col: the input plane
 * already is the column matrix. x: [n, c, plane], w: [o, c], y: [n, o, plane].
 *
 * <p>Per sample the products are y_n = w x_n, gx_n = w^T gy_n and gw += gy_n x_n^T. On small planes
 * (MiniFASNet's 5x5 maps) one product per sample is too thin for the GEMM kernel (k or n of 25),
 * so the batch is first laid out channel-major, [c, n * plane], and each rule becomes one product over the
 * whole batch: Y = w X, GX = w^T GY, gw += GY X^T. d/dweight always sums over the whole batch (k is
 * n * plane instead of plane): with the Vector API mostly as the tiled dot products of
 * {@link PointwiseWeightGrad} on the layout as it is (no copy, no packing), else as that batched GEMM. Each
 * output element is computed by one GEMM call or one dot-product tile, whose results do not depend on the
 * thread count; the forms differ by float reassociation only.
 */
final class PointwiseConv {
    // planes up to this many positions run y and d/dx as one batched product (5x5 = 25 does by default; 10x10
    // no longer: FusedPointwise straight from the planes beat the copies to and from channel-major and the
    // packing, training step 457 -> 437 ms, while 0 and 32 were within noise, 435 / 427 ms; in-JVM A/B,
    // 2026-11-29); a tuning knob, read once: -Dvigil.pointwise.batchedMaxPlane=N (0: never)
    static final int BATCHED_MAX_PLANE = Integer.getInteger("vigil.pointwise.batchedMaxPlane", 32);
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private PointwiseConv() {
    }

    // y = w x for every sample (y overwritten)
    static void forward(int n, int c, int o, int plane, float[] x, float[] w, float[] y) {
        perSample(false, n, c, o, plane, w, x, y);
    }

    // gx = w^T gy for every sample (gx overwritten)
    static void gradInput(int n, int c, int o, int plane, float[] w, float[] gy, float[] gx) {
        perSample(true, n, o, c, plane, w, gy, gx);
    }

    // out_s = op(w) in_s for every sample s, op(w) = w ([o, c]) or its transpose: in [n, inner, plane] ->
    // out [n, rows, plane]; per sample, or as one product over the batch laid out channel-major
    private static void perSample(boolean transW, int n, int inner, int rows, int plane, float[] w, float[] in,
                                  float[] out) {
        int ldw = transW ? rows : inner;
        if (n == 1 || plane > BATCHED_MAX_PLANE) {
            if (Gemm.VECTOR) {
                // Straight from the sample's plane, without packing it (FusedPointwise): at 40x40 and 20x20 with
                // 13-128 output rows the per-sample packing of B was 9 % of the training step's samples (JFR),
                // 4 % after (the rest is elsewhere); the step's time did not move beyond the noise.
                float[] op = transW ? scratch(2, rows * inner) : w;
                if (transW) {
                    Transpose.into(w, inner, rows, op, inner); // w [inner, rows] -> [rows, inner]
                }
                Parallel.forRange(n, 1, (n0, n1) -> {
                    for (int s = n0; s < n1; s++) {
                        FusedPointwise.forward(rows, plane, inner, op, 0, in, s * inner * plane, out,
                                s * rows * plane, null);
                    }
                });
                return;
            }
            Parallel.forRange(n, 1, (n0, n1) -> {
                for (int s = n0; s < n1; s++) {
                    Gemm.sgemm(transW, false, rows, plane, inner, w, 0, ldw, in, s * inner * plane, plane, 0f, out,
                            s * rows * plane, plane);
                }
            });
            return;
        }
        int cols = n * plane;
        float[] incm = toChannelMajor(in, n, inner, plane, scratch(0, inner * cols));
        float[] outcm = scratch(1, rows * cols);
        Gemm.sgemm(transW, false, rows, cols, inner, w, 0, ldw, incm, 0, cols, 0f, outcm, 0, cols);
        fromChannelMajor(outcm, n, rows, plane, out);
    }

    // gw += sum over samples of gy_n x_n^T, one product over the batch: as tiled dot products on the
    // sample-major layout (PointwiseWeightGrad) where they are faster, else as a GEMM on the channel-major one
    static void gradWeight(int n, int c, int o, int plane, float[] x, float[] gy, float[] gw) {
        if (Gemm.VECTOR && PointwiseWeightGrad.suits(c, o, plane)) {
            PointwiseWeightGrad.accumulate(n, c, o, plane, x, gy, gw);
            return;
        }
        int cols = n * plane;
        float[] xcm = n == 1 ? x : toChannelMajor(x, n, c, plane, scratch(0, c * cols));
        float[] gycm = n == 1 ? gy : toChannelMajor(gy, n, o, plane, scratch(1, o * cols));
        Gemm.sgemm(false, true, o, c, cols, gycm, 0, cols, xcm, 0, cols, 1f, gw, 0, c);
    }

    // a: [n, ch, plane] -> out: [ch, n * plane]
    private static float[] toChannelMajor(float[] a, int n, int ch, int plane, float[] out) {
        int cols = n * plane;
        Parallel.forRange(ch, 8, (c0, c1) -> {
            for (int k = c0; k < c1; k++) {
                for (int s = 0; s < n; s++) {
                    System.arraycopy(a, (s * ch + k) * plane, out, k * cols + s * plane, plane);
                }
            }
        });
        return out;
    }

    // a: [ch, n * plane] -> out: [n, ch, plane]
    private static void fromChannelMajor(float[] a, int n, int ch, int plane, float[] out) {
        int cols = n * plane;
        Parallel.forRange(ch, 8, (c0, c1) -> {
            for (int k = c0; k < c1; k++) {
                for (int s = 0; s < n; s++) {
                    System.arraycopy(a, k * cols + s * plane, out, (s * ch + k) * plane, plane);
                }
            }
        });
    }

    // this thread's scratch buffer slot, grown to at least size (its contents are overwritten by the caller)
    private static float[] scratch(int slot, int size) {
        float[][] buffers = SCRATCH.get();
        if (buffers[slot].length < size) {
            buffers[slot] = new float[size];
        }
        return buffers[slot];
    }
}
