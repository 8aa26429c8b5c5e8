package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pointwise part of one GRU step for one batch element, fused: forward (gate activations, reset-gated
 * candidate, blend) and backward (the three pre-activation gate gradients and the carry path), over the H
 * units of a row. {@link GruCell} holds the derivation. Runs on the Vector API (exp and tanh from
 * {@link VectorMath}, within an ulp or two of Math's and the same bits whether or not the JIT has compiled
 * the loop) unless {@code -Dvigil.vector=off}, then on the scalar twin,
 * which also takes the tail of a row that does not fill a vector.
 *
 * <p>Row layout: a gate row holds the blocks (r, z, n), H floats each, at g; a hidden-projection row
 * (W_h h + b_h, same blocks) at hp; state rows (h, y, W_hn h + b_hn, h(t-1)) are H floats.
 */
final class GruGates {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();

    private GruGates() {
    }

    /*
     * Forward of one element: reads the input projection (gates at g, overwritten with the activations r, z, n)
     * and the hidden projection (hProj at hp); updates h at ho in place; writes y at yo and, if hiddenN is not
     * null, W_hn h + b_hn at yo (what the backward needs for dr).
     */
    static void forward(int hs, float[] gates, int g, float[] hProj, int hp, float[] h, int ho,
                        float[] y, int yo, float[] hiddenN) {
        int j = 0;
        if (Gemm.VECTOR) {
            for (; j + L <= hs; j += L) {
                FloatVector r = VectorMath.sigmoid(FloatVector.fromArray(S, gates, g + j)
                        .add(FloatVector.fromArray(S, hProj, hp + j)));
                FloatVector z = VectorMath.sigmoid(FloatVector.fromArray(S, gates, g + hs + j)
                        .add(FloatVector.fromArray(S, hProj, hp + hs + j)));
                FloatVector hn = FloatVector.fromArray(S, hProj, hp + 2 * hs + j);
                FloatVector cand = VectorMath.tanh(r.fma(hn, FloatVector.fromArray(S, gates, g + 2 * hs + j)));
                FloatVector prev = FloatVector.fromArray(S, h, ho + j);
                // (1 - z) * n + z * h, as the scalar twin computes it
                FloatVector next = z.neg().add(1f).mul(cand).add(z.mul(prev));
                r.intoArray(gates, g + j);
                z.intoArray(gates, g + hs + j);
                cand.intoArray(gates, g + 2 * hs + j);
                if (hiddenN != null) {
                    hn.intoArray(hiddenN, yo + j);
                }
                next.intoArray(h, ho + j);
                next.intoArray(y, yo + j);
            }
        }
        for (; j < hs; j++) {
            float r = Activations.sigmoid(gates[g + j] + hProj[hp + j]);
            float z = Activations.sigmoid(gates[g + hs + j] + hProj[hp + hs + j]);
            float hn = hProj[hp + 2 * hs + j];
            float cand = (float) Math.tanh(gates[g + 2 * hs + j] + r * hn);
            float next = (1f - z) * cand + z * h[ho + j];
            gates[g + j] = r;
            gates[g + hs + j] = z;
            gates[g + 2 * hs + j] = cand;
            if (hiddenN != null) {
                hiddenN[yo + j] = hn;
            }
            h[ho + j] = next;
            y[yo + j] = next;
        }
    }

    /*
     * Backward of one element (see GruCell): dNext = dh[dho..] + dy[o..]; writes the input-side gate gradients
     * (dr_pre, dz_pre, dn_pre) to dGx at gx, the hidden-side ones (dr_pre, dz_pre, r * dn_pre) to dGh at gh,
     * and leaves the carry path z * dNext in dh (the W_hh path is added by the caller).
     * gates at g hold (r, z, n); hPrev and hiddenN are read at o.
     */
    static void backward(int hs, float[] gates, int g, float[] hPrev, float[] hiddenN, float[] dy, int o,
                         float[] dh, int dho, float[] dGx, int gx, float[] dGh, int gh) {
        int j = 0;
        if (Gemm.VECTOR) {
            for (; j + L <= hs; j += L) {
                FloatVector r = FloatVector.fromArray(S, gates, g + j);
                FloatVector z = FloatVector.fromArray(S, gates, g + hs + j);
                FloatVector cand = FloatVector.fromArray(S, gates, g + 2 * hs + j);
                FloatVector dNext = FloatVector.fromArray(S, dh, dho + j).add(FloatVector.fromArray(S, dy, o + j));
                FloatVector oneMinusZ = z.neg().add(1f);
                FloatVector dCandPre = dNext.mul(oneMinusZ).mul(cand.mul(cand).neg().add(1f));
                FloatVector dzPre = dNext.mul(FloatVector.fromArray(S, hPrev, o + j).sub(cand)).mul(z).mul(oneMinusZ);
                FloatVector drPre = dCandPre.mul(FloatVector.fromArray(S, hiddenN, o + j)).mul(r).mul(r.neg().add(1f));
                drPre.intoArray(dGx, gx + j);
                dzPre.intoArray(dGx, gx + hs + j);
                dCandPre.intoArray(dGx, gx + 2 * hs + j);
                drPre.intoArray(dGh, gh + j);
                dzPre.intoArray(dGh, gh + hs + j);
                r.mul(dCandPre).intoArray(dGh, gh + 2 * hs + j);
                z.mul(dNext).intoArray(dh, dho + j);
            }
        }
        for (; j < hs; j++) {
            float r = gates[g + j];
            float z = gates[g + hs + j];
            float cand = gates[g + 2 * hs + j];
            float dNext = dh[dho + j] + dy[o + j];
            float dCandPre = dNext * (1f - z) * (1f - cand * cand);
            float dzPre = dNext * (hPrev[o + j] - cand) * z * (1f - z);
            float drPre = dCandPre * hiddenN[o + j] * r * (1f - r);
            dGx[gx + j] = drPre;
            dGx[gx + hs + j] = dzPre;
            dGx[gx + 2 * hs + j] = dCandPre;
            dGh[gh + j] = drPre;
            dGh[gh + hs + j] = dzPre;
            dGh[gh + 2 * hs + j] = r * dCandPre;
            dh[dho + j] = z * dNext;
        }
    }
}
