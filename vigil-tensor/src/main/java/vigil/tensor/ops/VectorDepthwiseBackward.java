package vigil.tensor.ops;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Vector API backward kernel for depthwise convolution, the geometries of {@link VectorDepthwise} with
 * padding below the kernel size; {@link DepthwiseConv2d#backward} is its scalar twin.
 *
 * <p>Both gradients come from one flattened plane U of pitch P2: gy scattered into it (every s-th column and
 * row, zeros between and around), so that input position q = iy * P2 + ix meets tap (ky, kx) at the fixed
 * offset (ph - ky + A) * P2 + (pw - kx + B). Then d/dx[q] = sum over taps of weight[tap] * U[q + offset] and
 * d/dweight[tap] = sum over q of x[q] * U[q + offset], with x copied at pitch P2 (zero between its rows).
 * So no padded or parity-split copy of x is made, and one sweep per kernel row reads U, x and gx once for
 * both gradients.
 *
 * <p>d/dx: every element gets the scalar kernel's sum from +0 (output channels, then taps in (ky, kx) order, each
 * a separate multiply and add; the zeros of U add +-0, which changes no sum), so it is bit-identical to the twin.
 * d/dweight: per (channel, tap) the products are summed in float vector lanes (zero products included), plane
 * by plane, the planes added lane by lane in sample order, then the lanes in double in lane order, rounded once
 * and added to gw; the twin sums each row in float, the rows in double and the samples in float, so the two
 * differ by float reassociation only, within (ho * wo + 2 * wo + 8) * 2^-24 times the sum of |gy * x| over the products
 * (VectorDepthwiseBackwardTest checks this bound). Both are independent of the thread count (each channel is
 * owned by one thread).
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

    // writes d/dx into gx (if non-null; its prior contents are never read) and accumulates d/dweight into gw
    // (if non-null); channels run in parallel
    static void backward(Conv2dGeometry g, float[] x, float[] weight, float[] gy, float[] gx, float[] gw) {
        if (!supports(g)) {
            throw new IllegalArgumentException("VectorDepthwiseBackward: unsupported geometry " + g);
        }
        Parallel.forRange(g.c(), 1, (c0, c1) -> new ChannelKernel(g).run(x, weight, gy, gx, gw, c0, c1));
    }

    /** The scratch planes of one thread's share of channels, all of pitch P2, sized once per call. */
    private static final class ChannelKernel {
        private final Conv2dGeometry g;
        private final int rowOff;
        private final int colOff;
        private final int pitch2;
        private final int count2;
        // U: gy scattered; only its scatter targets are ever written, so everything else stays zero
        private final float[] scattered;
        // x at pitch P2: only row interiors are ever written, so the gaps and the tail stay zero
        private final float[] xFlat;
        private final float[] gxFlat;
        private final int[] tapOffset2;
        // per (output channel of the current input channel, tap): the lanes of its sum over the samples so far
        private final float[] weightLanes;

        ChannelKernel(Conv2dGeometry g) {
            this.g = g;
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
            // tap (0, 0) has the largest offset: the furthest read is count2 - 1 + tapOffset2[0]
            this.scattered = new float[Math.max(written, count2 + tapOffset2[0]) + 1];
            this.xFlat = new float[count2];
            this.gxFlat = new float[count2];
            this.weightLanes = new float[g.o() / g.c() * g.kh() * g.kw() * L];
        }

        void run(float[] x, float[] weight, float[] gy, float[] gx, float[] gw, int c0, int c1) {
            int mult = g.o() / g.c();
            int inPlane = g.h() * g.w();
            int outPlane = g.ho() * g.wo();
            int taps = g.kh() * g.kw();
            // channel-major, so one channel's weight sums stay in weightLanes across the samples
            for (int c = c0; c < c1; c++) {
                Arrays.fill(weightLanes, 0f);
                for (int n = 0; n < g.n(); n++) {
                    int xc = (n * g.c() + c) * inPlane;
                    if (gw != null) {
                        for (int iy = 0; iy < g.h(); iy++) {
                            System.arraycopy(x, xc + iy * g.w(), xFlat, iy * pitch2, g.w());
                        }
                    }
                    if (gx != null) {
                        // d/dx is written, not added to: the plane's sums start from zeros, not from a copy of gx
                        Arrays.fill(gxFlat, 0f);
                    }
                    for (int oc = c * mult; oc < (c + 1) * mult; oc++) {
                        scatter(gy, (n * g.o() + oc) * outPlane);
                        int lanesAt = (oc - c * mult) * taps * L;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int t0 = ky * g.kw();
                            if (g.kw() == 3) {
                                threeTaps(weight, oc * taps + t0, tapOffset2[t0], gx != null, gw != null,
                                        lanesAt + t0 * L);
                            } else {
                                for (int t = t0; t < t0 + g.kw(); t++) {
                                    oneTap(weight[oc * taps + t], tapOffset2[t], gx != null, gw != null,
                                            lanesAt + t * L);
                                }
                            }
                        }
                    }
                    if (gx != null) {
                        for (int iy = 0; iy < g.h(); iy++) {
                            System.arraycopy(gxFlat, iy * pitch2, gx, xc + iy * g.w(), g.w());
                        }
                    }
                }
                if (gw != null) {
                    for (int oc = c * mult; oc < (c + 1) * mult; oc++) {
                        for (int t = 0; t < taps; t++) {
                            int at = ((oc - c * mult) * taps + t) * L;
                            double sum = 0;
                            for (int lane = 0; lane < L; lane++) {
                                sum += weightLanes[at + lane];
                            }
                            gw[oc * taps + t] += (float) sum;
                        }
                    }
                }
            }
        }

        // U = gy plane at yc, scattered: gy[oy, ox] -> U[(s * oy + A) * P2 + s * ox + B]
        private void scatter(float[] gy, int yc) {
            int s = g.sw();
            float[] u = scattered;
            for (int oy = 0; oy < g.ho(); oy++) {
                int row = (s * oy + rowOff) * pitch2 + colOff;
                int yr = yc + oy * g.wo();
                if (s == 1) {
                    System.arraycopy(gy, yr, u, row, g.wo());
                } else {
                    for (int ox = 0; ox < g.wo(); ox++) {
                        u[row + s * ox] = gy[yr + ox];
                    }
                }
            }
        }

        /*
         * One kernel row of width 3 (the taps of weight[wAt .. wAt + 2] at offsets off, off - 1, off - 2): gxFlat
         * gets the three products added in kx order (if inputGrad), and weightLanes[at ..] the lanes of their sums
         * with x (if weightGrad), L per tap.
         */
        private void threeTaps(float[] weight, int wAt, int off, boolean inputGrad, boolean weightGrad, int at) {
            float[] u = scattered;
            float[] xf = xFlat;
            float[] gxf = gxFlat;
            int count = count2;
            // broadcast once: a scalar operand inside the loop left C2 boxing vectors
            FloatVector w0 = FloatVector.broadcast(S, weight[wAt]);
            FloatVector w1 = FloatVector.broadcast(S, weight[wAt + 1]);
            FloatVector w2 = FloatVector.broadcast(S, weight[wAt + 2]);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            if (inputGrad && weightGrad) {
                for (int q = 0; q < count; q += L) {
                    FloatVector u0 = FloatVector.fromArray(S, u, q + off);
                    FloatVector u1 = FloatVector.fromArray(S, u, q + off - 1);
                    FloatVector u2 = FloatVector.fromArray(S, u, q + off - 2);
                    FloatVector.fromArray(S, gxf, q).add(u0.mul(w0)).add(u1.mul(w1)).add(u2.mul(w2))
                            .intoArray(gxf, q);
                    FloatVector xv = FloatVector.fromArray(S, xf, q);
                    a0 = u0.fma(xv, a0);
                    a1 = u1.fma(xv, a1);
                    a2 = u2.fma(xv, a2);
                }
            } else if (inputGrad) {
                for (int q = 0; q < count; q += L) {
                    FloatVector.fromArray(S, gxf, q)
                            .add(FloatVector.fromArray(S, u, q + off).mul(w0))
                            .add(FloatVector.fromArray(S, u, q + off - 1).mul(w1))
                            .add(FloatVector.fromArray(S, u, q + off - 2).mul(w2))
                            .intoArray(gxf, q);
                }
            } else {
                for (int q = 0; q < count; q += L) {
                    FloatVector xv = FloatVector.fromArray(S, xf, q);
                    a0 = FloatVector.fromArray(S, u, q + off).fma(xv, a0);
                    a1 = FloatVector.fromArray(S, u, q + off - 1).fma(xv, a1);
                    a2 = FloatVector.fromArray(S, u, q + off - 2).fma(xv, a2);
                }
            }
            if (weightGrad) {
                addLanes(a0, at);
                addLanes(a1, at + L);
                addLanes(a2, at + 2 * L);
            }
        }

        // one tap at offset off: gxFlat += w * U[q + off] (if inputGrad); weightLanes[at ..] += the lanes of the sum
        // of x * U[q + off] (if weightGrad)
        private void oneTap(float weight, int off, boolean inputGrad, boolean weightGrad, int at) {
            float[] u = scattered;
            float[] xf = xFlat;
            float[] gxf = gxFlat;
            int count = count2;
            FloatVector wv = FloatVector.broadcast(S, weight);
            FloatVector acc = FloatVector.zero(S);
            for (int q = 0; q < count; q += L) {
                FloatVector uv = FloatVector.fromArray(S, u, q + off);
                if (inputGrad) {
                    FloatVector.fromArray(S, gxf, q).add(uv.mul(wv)).intoArray(gxf, q);
                }
                if (weightGrad) {
                    acc = uv.fma(FloatVector.fromArray(S, xf, q), acc);
                }
            }
            if (weightGrad) {
                addLanes(acc, at);
            }
        }

        // weightLanes[at ..] += v, lane by lane (a vector add: the per-lane sums over samples stay in float)
        private void addLanes(FloatVector v, int at) {
            FloatVector.fromArray(S, weightLanes, at).add(v).intoArray(weightLanes, at);
        }
    }
}
