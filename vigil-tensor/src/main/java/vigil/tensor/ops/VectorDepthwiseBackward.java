package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Vector API backward kernel for depthwise convolution, the geometries of {@link VectorDepthwise} with
 * padding below the kernel size; {@link DepthwiseConv2d#backward} is its scalar twin.
 *
 * <p>d/dx uses the flattened-plane idea of the forward kernel, transposed: gy is scattered (every s-th
 * column and row, zeros between) into a zero-bordered plane U of pitch P2, so that each input position
 * q = iy * P2 + ix reads tap (ky, kx) at the fixed offset (ph - ky + A) * P2 + (pw - kx + B). Every element
 * of gx gets the scalar kernel's sum (output channels, then taps in (ky, kx) order, each a separate
 * multiply and add; the zeros of U add +-0, which changes no sum) so d/dx is bit-identical to the twin.
 *
 * <p>d/dweight is, per (sample, channel, tap), a dot product of gy with the shifted padded input, taken in
 * vector lanes and the lanes summed in double in lane order. The twin sums each row in float and the rows
 * in double, so the two differ by float reassociation only, within (ho * wo + 2 * wo + 8) * 2^-24 times
 * the sum of |gy * x| over the products (VectorDepthwiseBackwardTest checks this bound). Both are independent of the thread count (each channel is owned by one thread).
 * x: [n, c, h, w], weight: [o, 1, kh, kw], gy: [n, o, ho, wo].
 */
final class VectorDepthwiseBackward {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorDepthwiseBackward() {
    }

    /** The forward kernel's geometries with padding smaller than the kernel (so U needs no negative border). */
    static boolean supports(Conv2dGeometry g) {
        return VectorDepthwise.supports(g) && g.ph() < g.kh() && g.pw() < g.kw();
    }

    // accumulates d/dx into gx (if non-null) and d/dweight into gw (if non-null); channels run in parallel
    static void backward(Conv2dGeometry g, float[] x, float[] weight, float[] gy, float[] gx, float[] gw) {
        if (!supports(g)) {
            throw new IllegalArgumentException("VectorDepthwiseBackward: unsupported geometry " + g);
        }
        Parallel.forRange(g.c(), 1, (c0, c1) -> new ChannelKernel(g).run(x, weight, gy, gx, gw, c0, c1));
    }

    private static final class ChannelKernel {
        private final Conv2dGeometry g;
        private final VectorDepthwise.PlaneKernel input;
        private final float[] gyFlat;
        private final int rowOff;
        private final int colOff;
        private final int pitch2;
        private final int count2;
        private final float[] scattered;
        private final float[] gxFlat;
        private final int[] tapOffset2;
        private final float[] lanes = new float[L];

        ChannelKernel(Conv2dGeometry g) {
            this.g = g;
            this.input = new VectorDepthwise.PlaneKernel(g);
            this.gyFlat = new float[input.count];
            int s = g.sw();
            this.rowOff = g.kh() - 1 - g.ph();
            this.colOff = g.kw() - 1 - g.pw();
            this.pitch2 = Math.max(g.w() + g.pw() + colOff, s * (g.wo() - 1) + colOff + 1);
            this.count2 = ((g.h() - 1) * pitch2 + g.w() + L - 1) / L * L;
            this.tapOffset2 = new int[g.kh() * g.kw()];
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    tapOffset2[ky * g.kw() + kx] = (g.ph() - ky + rowOff) * pitch2 + (g.pw() - kx + colOff);
                }
            }
            int written = (s * (g.ho() - 1) + rowOff + 1) * pitch2;
            this.scattered = new float[Math.max(written, count2 + tapOffset2[0]) + 1];
            this.gxFlat = new float[count2];
        }

        void run(float[] x, float[] weight, float[] gy, float[] gx, float[] gw, int c0, int c1) {
            int mult = g.o() / g.c();
            int inPlane = g.h() * g.w();
            int outPlane = g.ho() * g.wo();
            int taps = g.kh() * g.kw();
            for (int n = 0; n < g.n(); n++) {
                for (int c = c0; c < c1; c++) {
                    int xc = (n * g.c() + c) * inPlane;
                    if (gw != null) {
                        input.pad(x, xc);
                    }
                    if (gx != null) {
                        for (int iy = 0; iy < g.h(); iy++) {
                            System.arraycopy(gx, xc + iy * g.w(), gxFlat, iy * pitch2, g.w());
                        }
                    }
                    for (int oc = c * mult; oc < (c + 1) * mult; oc++) {
                        int yc = (n * g.o() + oc) * outPlane;
                        if (gw != null) {
                            weightGrad(gy, yc, gw, oc * taps);
                        }
                        if (gx != null) {
                            inputGrad(gy, yc, weight, oc * taps);
                        }
                    }
                    if (gx != null) {
                        for (int iy = 0; iy < g.h(); iy++) {
                            System.arraycopy(gxFlat, iy * pitch2, gx, xc + iy * g.w(), g.w());
                        }
                    }
                }
            }
        }

        // gw[wc + t] += sum over outputs of gy * padded x under tap t
        private void weightGrad(float[] gy, int yc, float[] gw, int wc) {
            for (int oy = 0; oy < g.ho(); oy++) {
                System.arraycopy(gy, yc + oy * g.wo(), gyFlat, oy * input.pitch, g.wo());
            }
            for (int t = 0; t < input.tapOffset.length; t++) {
                float[] src = input.padded[input.tapPhase[t]];
                int off = input.tapOffset[t];
                FloatVector acc = FloatVector.zero(S);
                for (int q = 0; q < input.count; q += L) {
                    acc = FloatVector.fromArray(S, gyFlat, q).fma(FloatVector.fromArray(S, src, q + off), acc);
                }
                acc.intoArray(lanes, 0);
                double sum = 0;
                for (float lane : lanes) {
                    sum += lane;
                }
                gw[wc + t] += (float) sum;
            }
        }

        // gxFlat[q] += sum over taps in (ky, kx) order of weight[tap] * scattered gy
        private void inputGrad(float[] gy, int yc, float[] weight, int wc) {
            int s = g.sw();
            for (int oy = 0; oy < g.ho(); oy++) {
                int row = (s * oy + rowOff) * pitch2 + colOff;
                int yr = yc + oy * g.wo();
                if (s == 1) {
                    System.arraycopy(gy, yr, scattered, row, g.wo());
                } else {
                    for (int ox = 0; ox < g.wo(); ox++) {
                        scattered[row + s * ox] = gy[yr + ox];
                    }
                }
            }
            // tap-major: each tap streams over the (L1-resident) plane, so its lookups are paid once
            for (int t = 0; t < tapOffset2.length; t++) {
                int off = tapOffset2[t];
                // broadcast once per tap: a scalar operand inside the loop left C2 boxing vectors here
                FloatVector wv = FloatVector.broadcast(S, weight[wc + t]);
                for (int q = 0; q < count2; q += L) {
                    FloatVector.fromArray(S, gxFlat, q)
                            .add(FloatVector.fromArray(S, scattered, q + off).mul(wv))
                            .intoArray(gxFlat, q);
                }
            }
        }
    }
}
