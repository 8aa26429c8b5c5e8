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
    /** The vector length; callers split units at its multiples. */
    static final int LANES = L;

    private GruGates() {
    }

    /*
     * Forward of one element over units [u0, u1): reads the input projection (gates at g, overwritten with the
     * activations r, z, n) and the hidden product W_h h without its bias (hProj at hp; bHh, null for none, is
     * added here, so hProj + bHh rounds as the projection did); reads h(t-1) from hOld at ho, writes h(t) to hNew
     * at ho and y at yo and, if hiddenN is not null, W_hn h + b_hn at yo (what the backward needs for dr).
     * Callers split the units at multiples of the vector length, so the vector/scalar split of each unit does
     * not depend on the split.
     *
     * Two passes, each a method of its own with one exp-based call site: C2 stops inlining once a compilation
     * holds about one inlined exp (NodeCountInliningCutoff), and a vector passed to a call it did not inline is
     * boxed on the heap (a garbage array per lane group, several times slower). A pass it does not inline takes
     * arrays, so nothing is boxed, and is compiled on its own with its exp inlined.
     */
    static void forward(int hs, int u0, int u1, float[] gates, int g, float[] hProj, int hp, float[] bHh,
                        float[] hOld, float[] hNew, int ho, float[] y, int yo, float[] hiddenN) {
        resetAndUpdate(hs, u0, u1, gates, g, hProj, hp, bHh);
        candidateAndState(hs, u0, u1, gates, g, hProj, hp, bHh, hOld, hNew, ho, y, yo, hiddenN);
    }

    // r and z (blocks 0 and 1) of units [u0, u1): gates = sigmoid(gates + (hProj + bHh)), in place
    private static void resetAndUpdate(int hs, int u0, int u1, float[] gates, int g, float[] hProj, int hp,
                                       float[] bHh) {
        for (int block = 0; block < 2; block++) {
            int o = block * hs;
            int j = u0;
            if (Gemm.VECTOR) {
                for (; j + L <= u1; j += L) {
                    FloatVector pre = FloatVector.fromArray(S, hProj, hp + o + j);
                    if (bHh != null) {
                        pre = pre.add(FloatVector.fromArray(S, bHh, o + j));
                    }
                    VectorMath.sigmoid(FloatVector.fromArray(S, gates, g + o + j).add(pre)).intoArray(gates, g + o + j);
                }
            }
            for (; j < u1; j++) {
                float pre = hProj[hp + o + j];
                if (bHh != null) {
                    pre += bHh[o + j];
                }
                gates[g + o + j] = Activations.sigmoid(gates[g + o + j] + pre);
            }
        }
    }

    // n = tanh(gates_n + r * (hProj_n + b_hn)) and h' = (1 - z) * n + z * h of units [u0, u1), r and z done
    private static void candidateAndState(int hs, int u0, int u1, float[] gates, int g, float[] hProj, int hp,
                                          float[] bHh, float[] hOld, float[] hNew, int ho, float[] y, int yo,
                                          float[] hiddenN) {
        int j = u0;
        if (Gemm.VECTOR) {
            for (; j + L <= u1; j += L) {
                FloatVector hn = FloatVector.fromArray(S, hProj, hp + 2 * hs + j);
                if (bHh != null) {
                    hn = hn.add(FloatVector.fromArray(S, bHh, 2 * hs + j));
                }
                FloatVector r = FloatVector.fromArray(S, gates, g + j);
                FloatVector cand = VectorMath.tanh(r.fma(hn, FloatVector.fromArray(S, gates, g + 2 * hs + j)));
                FloatVector z = FloatVector.fromArray(S, gates, g + hs + j);
                // (1 - z) * n + z * h, as the scalar twin computes it
                FloatVector next = z.neg().add(1f).mul(cand).add(z.mul(FloatVector.fromArray(S, hOld, ho + j)));
                cand.intoArray(gates, g + 2 * hs + j);
                if (hiddenN != null) {
                    hn.intoArray(hiddenN, yo + j);
                }
                next.intoArray(hNew, ho + j);
                next.intoArray(y, yo + j);
            }
        }
        for (; j < u1; j++) {
            float hn = hProj[hp + 2 * hs + j];
            if (bHh != null) {
                hn += bHh[2 * hs + j];
            }
            float r = gates[g + j];
            float z = gates[g + hs + j];
            float cand = (float) Math.tanh(gates[g + 2 * hs + j] + r * hn);
            float next = (1f - z) * cand + z * hOld[ho + j];
            gates[g + 2 * hs + j] = cand;
            if (hiddenN != null) {
                hiddenN[yo + j] = hn;
            }
            hNew[ho + j] = next;
            y[yo + j] = next;
        }
    }

    /*
     * Backward of one element over units [u0, u1) (see GruCell): dNext = dh[dho..] + dy[o..]; writes the input-side gate gradients
     * (dr_pre, dz_pre, dn_pre) to dGx at gx, the hidden-side ones (dr_pre, dz_pre, r * dn_pre) to dGh at gh,
     * and leaves the carry path z * dNext in dh (the W_hh path is added by the caller).
     * gates at g hold (r, z, n); h(t-1) is read from hPrev at po, hiddenN and dy at o.
     */
    static void backward(int hs, int u0, int u1, float[] gates, int g, float[] hPrev, int po, float[] hiddenN,
                         float[] dy, int o,
                         float[] dh, int dho, float[] dGx, int gx, float[] dGh, int gh) {
        int j = u0;
        if (Gemm.VECTOR) {
            for (; j + L <= u1; j += L) {
                FloatVector r = FloatVector.fromArray(S, gates, g + j);
                FloatVector z = FloatVector.fromArray(S, gates, g + hs + j);
                FloatVector cand = FloatVector.fromArray(S, gates, g + 2 * hs + j);
                FloatVector dNext = FloatVector.fromArray(S, dh, dho + j).add(FloatVector.fromArray(S, dy, o + j));
                FloatVector oneMinusZ = z.neg().add(1f);
                FloatVector dCandPre = dNext.mul(oneMinusZ).mul(cand.mul(cand).neg().add(1f));
                FloatVector dzPre = dNext.mul(FloatVector.fromArray(S, hPrev, po + j).sub(cand)).mul(z).mul(oneMinusZ);
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
        for (; j < u1; j++) {
            float r = gates[g + j];
            float z = gates[g + hs + j];
            float cand = gates[g + 2 * hs + j];
            float dNext = dh[dho + j] + dy[o + j];
            float dCandPre = dNext * (1f - z) * (1f - cand * cand);
            float dzPre = dNext * (hPrev[po + j] - cand) * z * (1f - z);
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
