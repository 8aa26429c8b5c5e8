package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.StridedCopy;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Reshaping, permuting, slicing, joining. Permute and slice are views over the same storage;
 * their gradients are re-laid out into the input's logical order.
 */
public final class Views {
    private Views() {
    }

    /** Reshape; one dimension may be -1. A view when the input is contiguous, a copy otherwise. */
    public static Tensor reshape(Tensor a, int... newShape) {
        int[] shape = resolve(newShape, a.numel(), a.shape());
        Tensor out = a.isContiguous()
                ? new Tensor(a.storage(), shape, Shape.contiguousStrides(shape), a.offset())
                : Tensor.of(a.data(), shape);
        // The logical order is unchanged, so the gradient passes through as-is.
        return Autograd.record("reshape", out, g -> a.accumulateGrad(g), a);
    }

    public static Tensor flatten(Tensor a, int startDim) {
        int[] s = a.shape();
        int d = Shape.dim(startDim, s.length);
        int[] ns = Arrays.copyOf(s, d + 1);
        ns[d] = -1;
        return reshape(a, ns);
    }

    public static Tensor unsqueeze(Tensor a, int dim) {
        int[] s = a.shape();
        int d = dim < 0 ? dim + s.length + 1 : dim;
        int[] ns = new int[s.length + 1];
        for (int i = 0, j = 0; i < ns.length; i++) {
            ns[i] = i == d ? 1 : s[j++];
        }
        return reshape(a, ns);
    }

    public static Tensor squeeze(Tensor a, int dim) {
        int[] s = a.shape();
        int d = Shape.dim(dim, s.length);
        if (s[d] != 1) {
            return a;
        }
        return reshape(a, Reductions.reducedShape(s, d, false));
    }

    public static Tensor permute(Tensor a, int... dims) {
        int[] s = a.shape();
        int[] st = a.strides();
        if (dims.length != s.length) {
            throw new ShapeException("permute: " + dims.length + " dims for tensor " + Shape.str(s));
        }
        int[] ns = new int[s.length];
        int[] nst = new int[s.length];
        boolean[] seen = new boolean[s.length];
        for (int i = 0; i < dims.length; i++) {
            int d = Shape.dim(dims[i], s.length);
            if (seen[d]) {
                throw new ShapeException("permute: dimension " + d + " repeated in " + Arrays.toString(dims));
            }
            seen[d] = true;
            ns[i] = s[d];
            nst[i] = st[d];
        }
        Tensor out = new Tensor(a.storage(), ns, nst, a.offset());
        return Autograd.record("permute", out, g -> {
            // g is laid out in out's logical order; scatter it through out's strides relative to a.
            float[] ga = new float[g.length];
            int[] inv = new int[dims.length];
            int[] aStrides = Shape.contiguousStrides(s);
            for (int i = 0; i < dims.length; i++) {
                inv[i] = aStrides[Shape.dim(dims[i], s.length)];
            }
            StridedCopy.scatterAdd(g, ga, 0, ns, inv);
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor transpose(Tensor a, int d0, int d1) {
        int r = a.rank();
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] = i;
        }
        int x = Shape.dim(d0, r);
        int y = Shape.dim(d1, r);
        dims[x] = y;
        dims[y] = x;
        return permute(a, dims);
    }

    /** Elements start, start+step, ... below end along dim (negative start/end count from the end). */
    public static Tensor slice(Tensor a, int dim, int start, int end, int step) {
        int[] s = a.shape();
        int d = Shape.dim(dim, s.length);
        int n = s[d];
        int b = Math.min(Math.max(start < 0 ? start + n : start, 0), n);
        int e = Math.min(Math.max(end < 0 ? end + n : end, 0), n);
        if (step <= 0) {
            throw new ShapeException("slice: step must be positive, got " + step);
        }
        int len = e > b ? (e - b + step - 1) / step : 0;
        int[] ns = s.clone();
        ns[d] = len;
        int[] st = a.strides();
        int[] nst = st.clone();
        nst[d] = st[d] * step;
        Tensor out = new Tensor(a.storage(), ns, nst, a.offset() + b * st[d]);
        return Autograd.record("slice", out, g -> {
            float[] ga = new float[a.numel()];
            int[] cs = Shape.contiguousStrides(s);
            int[] gst = cs.clone();
            gst[d] = cs[d] * step;
            StridedCopy.scatterAdd(g, ga, b * cs[d], ns, gst);
            a.accumulateGrad(ga);
        }, a);
    }

    /** A dense copy when the tensor is a strided view; the tensor itself otherwise. */
    public static Tensor contiguous(Tensor a) {
        if (a.isContiguous() && a.offset() == 0) {
            return a;
        }
        Tensor out = Tensor.of(a.data(), a.shape());
        return Autograd.record("contiguous", out, g -> a.accumulateGrad(g), a);
    }

    /** Joins tensors along an existing dimension. */
    public static Tensor concat(int dim, Tensor... parts) {
        if (parts.length == 0) {
            throw new ShapeException("concat: no tensors");
        }
        int[] s0 = parts[0].shape();
        int d = Shape.dim(dim, s0.length);
        int total = 0;
        for (Tensor p : parts) {
            int[] s = p.shape();
            if (s.length != s0.length) {
                throw new ShapeException("concat: ranks differ, " + Shape.str(s0) + " and " + Shape.str(s));
            }
            for (int i = 0; i < s.length; i++) {
                if (i != d && s[i] != s0[i]) {
                    throw new ShapeException("concat along " + d + ": shapes " + Shape.str(s0) + " and " + Shape.str(s));
                }
            }
            total += s[d];
        }
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < d; i++) {
            outer *= s0[i];
        }
        for (int i = d + 1; i < s0.length; i++) {
            inner *= s0[i];
        }
        int[] ns = s0.clone();
        ns[d] = total;
        float[] y = new float[Shape.numel(ns)];
        int rowOut = total * inner;
        int at = 0;
        for (Tensor p : parts) {
            float[] x = p.data();
            int row = p.dim(d) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * row, y, o * rowOut + at, row);
            }
            at += row;
        }
        final int fOuter = outer;
        final int fInner = inner;
        return Autograd.record("concat", Tensor.of(y, ns), g -> {
            int pos = 0;
            for (Tensor p : parts) {
                int row = p.dim(d) * fInner;
                if (p.requiresGrad()) {
                    float[] gp = new float[p.numel()];
                    for (int o = 0; o < fOuter; o++) {
                        System.arraycopy(g, o * rowOut + pos, gp, o * row, row);
                    }
                    p.accumulateGrad(gp);
                }
                pos += row;
            }
        }, parts);
    }

    /** Joins equally shaped tensors along a new dimension. */
    public static Tensor stack(int dim, Tensor... parts) {
        if (parts.length == 0) {
            throw new ShapeException("stack: no tensors");
        }
        int rank = parts[0].rank() + 1;
        int d = dim < 0 ? dim + rank : dim;
        Tensor[] expanded = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new ShapeException("stack: shapes " + Shape.str(parts[0].shape()) + " and " + Shape.str(parts[i].shape()));
            }
            expanded[i] = unsqueeze(parts[i], d);
        }
        return concat(d, expanded);
    }

    private static int[] resolve(int[] newShape, int numel, int[] oldShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: more than one -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new ShapeException("reshape " + Shape.str(oldShape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = (int) (numel / known);
        }
        if (Shape.numel(s) != numel) {
            throw new ShapeException("reshape " + Shape.str(oldShape) + " (" + numel + " elements) to "
                    + Arrays.toString(newShape));
        }
        return s;
    }
}
