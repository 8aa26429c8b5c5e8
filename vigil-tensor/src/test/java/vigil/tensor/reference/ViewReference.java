package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision views and joins over row-major arrays, written with explicit multi-indices.
 * Reshape, flatten, squeeze, unsqueeze and contiguous keep the row-major order, so their
 * reference is {@link #identity()}; the engine test checks their shapes.
 */
final class ViewReference {
    private ViewReference() {
    }

    /** Inputs {x}; y = x in the same row-major order. */
    static DoubleReference identity() {
        return in -> new double[][] {in[0].clone()};
    }

    /** Runs first, then second on first's outputs. */
    static DoubleReference then(DoubleReference first, DoubleReference second) {
        return in -> second.apply(first.apply(in));
    }

    /** Inputs {x} of shape s; y[j_0, ..., j_r-1] = x[i] with i[dims[k]] = j_k. */
    static DoubleReference permute(int[] s, int... dims) {
        int[] out = new int[s.length];
        for (int k = 0; k < dims.length; k++) {
            out[k] = s[dims[k]];
        }
        return in -> {
            double[] x = in[0];
            double[] y = new double[x.length];
            int[] j = new int[s.length];
            int[] i = new int[s.length];
            for (int at = 0; at < y.length; at++) {
                unravel(at, out, j);
                for (int k = 0; k < dims.length; k++) {
                    i[dims[k]] = j[k];
                }
                y[at] = x[ravel(i, s)];
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x} of shape s; x with dimensions d0 and d1 swapped. */
    static DoubleReference transpose(int[] s, int d0, int d1) {
        int[] dims = new int[s.length];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = k == d0 ? d1 : k == d1 ? d0 : k;
        }
        return permute(s, dims);
    }

    /**
     * Inputs {x} of shape s; Python's x[..., start:end:step, ...] along dim: negative start/end
     * count from the end, both are clamped into [0, s[dim]].
     */
    static DoubleReference slice(int[] s, int dim, int start, int end, int step) {
        int n = s[dim];
        int b = Math.clamp(start < 0 ? start + n : start, 0, n);
        int e = Math.clamp(end < 0 ? end + n : end, 0, n);
        int count = 0;
        for (int k = b; k < e; k += step) {
            count++;
        }
        int[] out = s.clone();
        out[dim] = count;
        return in -> {
            double[] x = in[0];
            double[] y = new double[numel(out)];
            int[] j = new int[s.length];
            for (int at = 0; at < y.length; at++) {
                unravel(at, out, j);
                j[dim] = b + j[dim] * step;
                y[at] = x[ravel(j, s)];
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x_0, x_1, ...} of the given shapes, equal except along dim; output them joined along dim. */
    static DoubleReference concat(int dim, int[]... shapes) {
        int[] out = shapes[0].clone();
        out[dim] = 0;
        for (int[] s : shapes) {
            out[dim] += s[dim];
        }
        return in -> {
            double[] y = new double[numel(out)];
            int[] j = new int[out.length];
            for (int at = 0; at < y.length; at++) {
                unravel(at, out, j);
                int part = 0;
                int along = j[dim];
                while (along >= shapes[part][dim]) {
                    along -= shapes[part][dim];
                    part++;
                }
                int[] i = j.clone();
                i[dim] = along;
                y[at] = in[part][ravel(i, shapes[part])];
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x_0, ..., x_count-1}, all of shape s; output [.., count (at dim), ..] with y[.., k, ..] = x_k. */
    static DoubleReference stack(int dim, int count, int[] s) {
        int[] out = new int[s.length + 1];
        for (int k = 0, m = 0; k < out.length; k++) {
            out[k] = k == dim ? count : s[m++];
        }
        return in -> {
            double[] y = new double[numel(out)];
            int[] j = new int[out.length];
            int[] i = new int[s.length];
            for (int at = 0; at < y.length; at++) {
                unravel(at, out, j);
                for (int k = 0, m = 0; k < out.length; k++) {
                    if (k != dim) {
                        i[m++] = j[k];
                    }
                }
                y[at] = in[j[dim]][ravel(i, s)];
            }
            return new double[][] {y};
        };
    }

    private static int numel(int[] s) {
        int n = 1;
        for (int v : s) {
            n *= v;
        }
        return n;
    }

    /** Row-major flat position -> multi-index over shape s, written into index. */
    private static void unravel(int at, int[] s, int[] index) {
        for (int d = s.length - 1; d >= 0; d--) {
            index[d] = at % s[d];
            at /= s[d];
        }
    }

    private static int ravel(int[] index, int[] s) {
        int at = 0;
        for (int d = 0; d < s.length; d++) {
            at = at * s[d] + index[d];
        }
        return at;
    }
}
