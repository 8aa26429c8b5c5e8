package vigil.tensor.ops;

import java.util.HashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Vector API forward kernel for depthwise convolution, any kh x kw, square stride 1 or 2, no dilation;
 * {@link DepthwiseConv2d} is its scalar twin (other geometries, and {@code -Dvigil.vector=off}).
 *
 * <p>MiniFASNet's feature maps are narrow (40, 20, 10, 5 columns), too narrow to vectorise one output row
 * at a time on 16 lanes. So each input plane is first copied into a zero-padded plane of pitch
 * P = w + 2*pw, and the output is computed over the flattened index q = oy * P + ox: with equal strides s,
 * output (oy, ox) reads padded element s*q + ky*P + kx, linear in q, so whole vectors run across row ends.
 * Columns ox >= wo are computed and dropped. For stride 2 the padded plane is split by parity (even and
 * odd flat indices), so every tap is a unit-stride load.
 *
 * <p>Each output sums its taps from zero in (ky, kx) order with a separate multiply and add, exactly as
 * the scalar kernel does; the padded taps add w * 0 = +-0, which leaves a sum that started at +0 unchanged.
 * So results are bit-identical to the scalar twin for finite weights (an infinite weight times a padded zero
 * would give NaN where the twin skips the tap), and independent of the thread count (planes are split
 * across threads, each computed whole by one).
 * x: [n, c, h, w], weight: [o, 1, kh, kw], y: [n, o, ho, wo].
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int PLANE_OVERHEAD = 1000;
    // 300 000 while a fork went through an executor; with the spinning workers 100 000 measured faster at batch 1
    // (together with FusedPointwise's lower threshold, 7 %), 50 000 no faster again
    private static final int PARALLEL_MIN_WORK = 100_000;
    private static final int MAX_CACHED_KERNELS = 32;
    private static final ThreadLocal<Map<Conv2dGeometry, PlaneKernel>> KERNELS = ThreadLocal.withInitial(HashMap::new);

    private VectorDepthwise() {
    }

    /** Equal strides of 1 or 2 and no dilation: the geometries the flattened-plane kernel covers. */
    static boolean supports(Conv2dGeometry g) {
        return g.isDepthwise() && g.dh() == 1 && g.dw() == 1 && g.sh() == g.sw() && (g.sw() == 1 || g.sw() == 2);
    }

    /** Work applied to one finished output plane while it is still in cache (a fused bias and activation). */
    interface PlaneEpilogue {
        // y[off, off + len) is the plane of output index plane = n * o + oc
        void apply(float[] y, int off, int len, int plane);
    }

    // y = depthwise(x, weight), overwriting y (the scalar twin adds into a zeroed y: the same result).
    // Planes (n, oc) run in parallel.
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] y) {
        forward(g, x, weight, y, null);
    }

    // As above, then epilogue (if non-null) on each plane right after it is written.
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] y, PlaneEpilogue epilogue) {
        if (!supports(g)) {
            throw new IllegalArgumentException("VectorDepthwise: unsupported geometry " + g);
        }
        Parallel.forRange(g.n() * g.o(), grain(g), (p0, p1) -> kernel(g).run(x, weight, y, p0, p1, epilogue));
    }

    // This thread's kernel for g, kept across calls: its padded planes' borders stay zero (only interiors are
    // written), so it can be reused as it is. At batch 1 JFR put 13 % of MiniFASNet's inference samples on the
    // call that allocated and zeroed them per call. A network has a few distinct geometries; the cache is bounded anyway.
    private static PlaneKernel kernel(Conv2dGeometry g) {
        Map<Conv2dGeometry, PlaneKernel> kernels = KERNELS.get();
        PlaneKernel k = kernels.get(g);
        if (k == null) {
            if (kernels.size() >= MAX_CACHED_KERNELS) {
                kernels.clear();
            }
            k = new PlaneKernel(g);
            kernels.put(g, k);
        }
        return k;
    }

    // Planes per parallel chunk: enough that a chunk outweighs a fork/join. A plane costs about
    // PLANE_OVERHEAD multiply-adds' worth of padding and copying plus its ho*wo*kh*kw taps. (With the executor's
    // forks, at batch 1, splitting 13 planes of 20x20 or 77 of 10x10 made the layer slower, 231 of 10x10 faster.)
    static int grain(Conv2dGeometry g) {
        long plane = (long) g.ho() * g.wo() * g.kh() * g.kw() + PLANE_OVERHEAD;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (PARALLEL_MIN_WORK + plane - 1) / plane));
    }

    /** The scratch planes of one thread's share, sized once per call (also the x side of the backward kernel). */
    static final class PlaneKernel {
        final Conv2dGeometry g;
        final int pitch;
        final int count;
        // stride 1: padded[0] is the padded plane; stride 2: padded[0] / [1] hold its even / odd flat indices
        final float[][] padded;
        private final float[] out;
        final int[] tapOffset;
        final int[] tapPhase;

        PlaneKernel(Conv2dGeometry g) {
            this.g = g;
            this.pitch = g.w() + 2 * g.pw();
            int valid = (g.ho() - 1) * pitch + g.wo();
            this.count = (valid + L - 1) / L * L;
            int s = g.sw();
            int taps = g.kh() * g.kw();
            this.tapOffset = new int[taps];
            this.tapPhase = new int[taps];
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    int d = ky * pitch + kx;
                    tapOffset[ky * g.kw() + kx] = d / s;
                    tapPhase[ky * g.kw() + kx] = d % s;
                }
            }
            // the furthest read: s * (count - 1) + (kh - 1) * pitch + kw - 1, split into s phases
            int span = s * count + g.kh() * pitch + g.kw();
            int rows = g.h() + 2 * g.ph();
            int phaseLength = Math.max(span, rows * pitch) / s + 1;
            this.padded = new float[s][phaseLength];
            this.out = new float[count];
        }

        void run(float[] x, float[] weight, float[] y, int p0, int p1, PlaneEpilogue epilogue) {
            int mult = g.o() / g.c();
            int inPlane = g.h() * g.w();
            int outPlane = g.ho() * g.wo();
            for (int p = p0; p < p1; p++) {
                int n = p / g.o();
                int oc = p % g.o();
                pad(x, (n * g.c() + oc / mult) * inPlane);
                taps(weight, oc * g.kh() * g.kw());
                int yc = p * outPlane;
                for (int oy = 0; oy < g.ho(); oy++) {
                    System.arraycopy(out, oy * pitch, y, yc + oy * g.wo(), g.wo());
                }
                if (epilogue != null) {
                    epilogue.apply(y, yc, outPlane, p);
                }
            }
        }

        // Copies one input plane into the interior of the padded plane(s); the border stays zero throughout.
        void pad(float[] x, int xc) {
            int s = g.sw();
            for (int iy = 0; iy < g.h(); iy++) {
                int row = (iy + g.ph()) * pitch + g.pw();
                int xr = xc + iy * g.w();
                if (s == 1) {
                    System.arraycopy(x, xr, padded[0], row, g.w());
                } else {
                    // columns whose flat index is even go to padded[0], the others to padded[1], in order
                    for (int phase = 0; phase < 2; phase++) {
                        float[] dst = padded[phase];
                        int ix0 = (row + phase) & 1;
                        for (int ix = ix0, at = (row + ix0) >> 1; ix < g.w(); ix += 2, at++) {
                            dst[at] = x[xr + ix];
                        }
                    }
                }
            }
        }

        // out[q] = sum over taps in (ky, kx) order of weight[tap] * padded(s * q + ky * pitch + kx).
        // Four vectors of q share each tap's table lookups, which otherwise cost more than the arithmetic.
        private void taps(float[] weight, int wc) {
            int taps = tapOffset.length;
            int q = 0;
            for (; q + 4 * L <= count; q += 4 * L) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int t = 0; t < taps; t++) {
                    float[] src = padded[tapPhase[t]];
                    int at = q + tapOffset[t];
                    float wv = weight[wc + t];
                    a0 = a0.add(FloatVector.fromArray(S, src, at).mul(wv));
                    a1 = a1.add(FloatVector.fromArray(S, src, at + L).mul(wv));
                    a2 = a2.add(FloatVector.fromArray(S, src, at + 2 * L).mul(wv));
                    a3 = a3.add(FloatVector.fromArray(S, src, at + 3 * L).mul(wv));
                }
                a0.intoArray(out, q);
                a1.intoArray(out, q + L);
                a2.intoArray(out, q + 2 * L);
                a3.intoArray(out, q + 3 * L);
            }
            for (; q < count; q += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int t = 0; t < taps; t++) {
                    acc = acc.add(FloatVector.fromArray(S, padded[tapPhase[t]], q + tapOffset[t]).mul(weight[wc + t]));
                }
                acc.intoArray(out, q);
            }
        }
    }
}
