package vigil.tensor;

import java.util.Arrays;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.autograd.GradNode;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.Elementwise;
import vigil.tensor.ops.MatMul;
import vigil.tensor.ops.Reductions;
import vigil.tensor.ops.Views;

/**
 * An n-dimensional array over a flat primitive storage, with shape, strides and offset (so permute
 * and slice are views), and the autograd state of one value in the graph.
 *
 * <p>Gradients are always kept in the tensor's logical row-major order, whatever its strides, as a
 * float[] of {@link #numel()} elements; backward functions accumulate into them.
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final int numel;

    private boolean requiresGrad;
    private boolean retainGrad;
    private float[] grad;
    private GradNode gradNode;
    // the step scope this tensor was created in (null outside one, and once kept); see TensorScope
    private TensorScope scope;
    private boolean released;

    public Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        if (shape.length != strides.length) {
            throw new ShapeException("shape " + Shape.str(shape) + " and strides " + Shape.str(strides) + " differ in rank");
        }
        this.storage = storage;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
        int n = Shape.numel(shape);
        this.numel = n;
        if (n > 0) {
            int last = offset;
            for (int i = 0; i < shape.length; i++) {
                last += (shape[i] - 1) * strides[i];
            }
            if (offset < 0 || last >= storage.length()) {
                throw new ShapeException("view " + Shape.str(shape) + " at offset " + offset + " with strides "
                        + Shape.str(strides) + " reaches past a storage of " + storage.length() + " elements");
            }
        }
        TensorScope open = TensorScope.current();
        if (open != null) {
            this.scope = open;
            open.register(this);
        }
    }

    // ---- creation ----

    /** Wraps (does not copy) a float array as a contiguous tensor. */
    public static Tensor of(float[] data, int... shape) {
        requireLength(shape, data.length);
        return new Tensor(new Storage.Floats(data), shape, Shape.contiguousStrides(shape), 0);
    }

    public static Tensor ofLongs(long[] data, int... shape) {
        requireLength(shape, data.length);
        return new Tensor(new Storage.Longs(data), shape, Shape.contiguousStrides(shape), 0);
    }

    public static Tensor ofInts(int[] data, int... shape) {
        requireLength(shape, data.length);
        return new Tensor(new Storage.Ints(data), shape, Shape.contiguousStrides(shape), 0);
    }

    public static Tensor ofBytes(byte[] data, int... shape) {
        requireLength(shape, data.length);
        return new Tensor(new Storage.Bytes(data), shape, Shape.contiguousStrides(shape), 0);
    }

    private static void requireLength(int[] shape, int length) {
        if (Shape.numel(shape) != length) {
            throw new ShapeException("shape " + Shape.str(shape) + " needs " + Shape.numel(shape)
                    + " elements, got " + length);
        }
    }

    public static Tensor zeros(int... shape) {
        return of(new float[Shape.numel(shape)], shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        Arrays.fill(d, value);
        return of(d, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /** 0, 1, ..., n-1 as float32. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return of(d, n);
    }

    // ---- geometry ----

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int d) {
        return shape[Shape.dim(d, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return numel;
    }

    public int[] strides() {
        return strides.clone();
    }

    public int offset() {
        return offset;
    }

    public Storage storage() {
        requireLive();
        return storage;
    }

    public DType dtype() {
        return storage.dtype();
    }

    /** True when the elements lie in row-major order from the offset (size-1 dims may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** Contiguous, at offset 0 and owning its whole storage: the array can be used as-is. */
    private boolean isDense() {
        return offset == 0 && isContiguous() && storage.length() == numel();
    }

    /**
     * The float elements in logical row-major order. Shares the storage when the tensor is dense
     * (writes then go through); otherwise returns a fresh copy.
     */
    public float[] data() {
        requireLive();
        if (!(storage instanceof Storage.Floats(float[] array))) {
            throw new ShapeException("expected a float32 tensor, got " + dtype() + " " + Shape.str(shape));
        }
        if (isDense()) {
            return array;
        }
        float[] out = new float[numel()];
        StridedCopy.gather(array, offset, shape, strides, out);
        return out;
    }

    /** The int64 elements in logical order (shared when dense). */
    public long[] longs() {
        requireLive();
        if (!(storage instanceof Storage.Longs(long[] array))) {
            throw new ShapeException("expected an int64 tensor, got " + dtype() + " " + Shape.str(shape));
        }
        if (isDense()) {
            return array;
        }
        long[] out = new long[numel()];
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = array[StridedCopy.offsetOf(idx, strides, offset)];
            StridedCopy.increment(idx, shape);
        }
        return out;
    }

    /** The int32 elements (dense tensors only). */
    public int[] ints() {
        requireLive();
        if (!(storage instanceof Storage.Ints(int[] array)) || !isDense()) {
            throw new ShapeException("expected a dense int32 tensor, got " + dtype() + " " + Shape.str(shape));
        }
        return array;
    }

    /** The int8 elements (dense tensors only). */
    public byte[] bytes() {
        requireLive();
        if (!(storage instanceof Storage.Bytes(byte[] array)) || !isDense()) {
            throw new ShapeException("expected a dense int8 tensor, got " + dtype() + " " + Shape.str(shape));
        }
        return array;
    }

    /** The single value of a one-element float tensor. */
    public float item() {
        if (numel() != 1) {
            throw new ShapeException("item() needs one element, tensor has shape " + Shape.str(shape));
        }
        return data()[0];
    }

    public float get(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("index of rank " + index.length + " for tensor " + Shape.str(shape));
        }
        int o = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new ShapeException("index " + Arrays.toString(index) + " out of bounds for " + Shape.str(shape));
            }
            o += index[i] * strides[i];
        }
        requireLive();
        return ((Storage.Floats) storage).array()[o];
    }

    /** A dense copy with its own storage and no autograd history. */
    public Tensor copy() {
        return switch (storage) {
            case Storage.Floats f -> of(data().clone(), shape);
            case Storage.Longs l -> ofLongs(longs().clone(), shape);
            case Storage.Ints i -> ofInts(ints().clone(), shape);
            case Storage.Bytes b -> ofBytes(bytes().clone(), shape);
        };
    }

    // ---- autograd state ----

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a parameter whose gradient is wanted; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (value && dtype() != DType.FLOAT32) {
            throw new ShapeException("only float32 tensors can require gradients, got " + dtype());
        }
        this.requiresGrad = value;
        return this;
    }

    /** Keeps the gradient of a non-leaf tensor after backward (for tests and inspection). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() {
        return retainGrad || gradNode == null;
    }

    public boolean isLeaf() {
        return gradNode == null;
    }

    public GradNode gradNode() {
        return gradNode;
    }

    /** Engine-internal: attaches the node that produced this tensor. */
    public void attachGradNode(GradNode node) {
        this.gradNode = node;
        this.requiresGrad = true;
    }

    /** The accumulated gradient, or null before any backward reached this tensor. */
    public Tensor grad() {
        requireLive();
        return grad == null ? null : of(grad, shape);
    }

    /** The gradient buffer itself (logical order), or null. */
    public float[] gradArray() {
        requireLive();
        return grad;
    }

    /** Adds g (logical order, numel elements) into this tensor's gradient. */
    public void accumulateGrad(float[] g) {
        requireLive();
        if (g.length != numel()) {
            throw new ShapeException("gradient of " + g.length + " elements for tensor " + Shape.str(shape));
        }
        if (grad == null) {
            if (gradNode == null) {
                grad = new float[g.length]; // a leaf's gradient is the caller's for good: never a pooled buffer
            } else {
                // an intermediate's gradient goes back to the pool in backward (releaseGrad): take it from there
                grad = BufferPool.take(g.length);
                for (int i = 0; i < g.length; i++) {
                    grad[i] = 0f + g[i]; // as zeros + g: -0 becomes +0, exactly as before
                }
                if (scope == null || scope != TensorScope.current()) {
                    BufferPool.endLease(grad);
                }
                return;
            }
        }
        for (int i = 0; i < g.length; i++) {
            grad[i] += g[i];
        }
    }

    /**
     * Engine-internal: {@link #accumulateGrad} for a gradient the caller hands over, a fresh array it will
     * neither read nor write again. The first gradient a tensor receives is adopted as its buffer instead of
     * being copied into a zeroed one (one full-size allocation and two passes fewer per op); a later one is
     * added and its buffer goes back to the pool.
     */
    public void accumulateGradOwned(float[] g) {
        requireLive();
        if (grad == null && g.length == numel()) {
            grad = g;
            if (gradNode == null || scope == null || scope != TensorScope.current()) {
                // a leaf's gradient (a parameter's) outlives any step scope: the buffer leaves the scope's loan
                BufferPool.endLease(g);
            }
        } else {
            accumulateGrad(g);
            BufferPool.give(g);
        }
    }

    public void zeroGrad() {
        grad = null;
    }

    /**
     * Engine-internal, for a rule that passes its upstream gradient on unchanged (an add): if g is this tensor's
     * gradient buffer and would go back to the pool when the rule returns ({@link #releaseGrad}), this tensor
     * lets go of it and returns it, for the rule to give one input as an owned gradient
     * ({@link #accumulateGradOwned}) instead of a copy; else null, and the rule copies as usual.
     */
    public float[] handOverGrad(float[] g) {
        if (g == null || g != grad || retainsGrad()) {
            return null;
        }
        grad = null;
        return g;
    }

    /** Engine-internal: frees an intermediate gradient once it has been propagated (its buffer is recycled). */
    public void releaseGrad() {
        if (!retainsGrad()) {
            BufferPool.give(grad);
            grad = null;
        }
    }

    /** Backpropagates from a scalar (seed 1). */
    public void backward() {
        requireLive();
        if (numel() != 1) {
            throw new ShapeException("backward() without a seed needs a scalar, tensor has shape " + Shape.str(shape));
        }
        Autograd.backward(this, new float[] {1f});
    }

    /** Backpropagates with an explicit upstream gradient of this tensor's shape. */
    public void backward(Tensor seed) {
        requireLive();
        if (!Arrays.equals(seed.shape, shape)) {
            throw new ShapeException("seed " + Shape.str(seed.shape) + " does not match tensor " + Shape.str(shape));
        }
        Autograd.backward(this, seed.data().clone());
    }

    /** The same values, cut from the graph. Shares storage. */
    public Tensor detach() {
        requireLive();
        return new Tensor(storage, shape, strides, offset);
    }

    // ---- fluent ops (each delegates to the op's own class) ----

    public Tensor add(Tensor o) { return Elementwise.add(this, o); }
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }
    public Tensor add(float s) { return Elementwise.addScalar(this, s); }
    public Tensor mul(float s) { return Elementwise.mulScalar(this, s); }
    public Tensor neg() { return Elementwise.mulScalar(this, -1f); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor pow(float p) { return Elementwise.pow(this, p); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor relu() { return Activations.relu(this); }
    public Tensor sigmoid() { return Activations.sigmoid(this); }
    public Tensor tanh() { return Activations.tanh(this); }
    public Tensor matmul(Tensor o) { return MatMul.matmul(this, o); }
    public Tensor sum() { return Reductions.sum(this); }
    public Tensor mean() { return Reductions.mean(this); }
    public Tensor sum(int dim, boolean keepDim) { return Reductions.sum(this, dim, keepDim); }
    public Tensor mean(int dim, boolean keepDim) { return Reductions.mean(this, dim, keepDim); }
    public Tensor reshape(int... newShape) { return Views.reshape(this, newShape); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    public Tensor transpose(int d0, int d1) { return Views.transpose(this, d0, d1); }
    public Tensor slice(int dim, int start, int end) { return Views.slice(this, dim, start, end, 1); }
    public Tensor contiguous() { return Views.contiguous(this); }
    public Tensor flatten(int startDim) { return Views.flatten(this, startDim); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }

    // ---- step scopes (see TensorScope) ----

    /**
     * True when this tensor's buffer went back to the pool as its step scope closed: every read throws.
     */
    public boolean isReleased() {
        return released;
    }

    /**
     * Engine-internal: throws unless this tensor's history can be used by backward, that is unless it was
     * recorded in a step scope that has closed since (its saved buffers may have been recycled).
     */
    public void requireOpenGraph() {
        requireLive();
        if (gradNode != null && scope != null && !scope.isOpen()) {
            throw new IllegalStateException("tensor " + Shape.str(shape) + " (from op '" + gradNode.op()
                    + "') was recorded in a step scope (TensorScope) that has closed: its graph cannot be used"
                    + " by backward any more");
        }
    }

    private void requireLive() {
        if (released) {
            throw new IllegalStateException("tensor " + Shape.str(shape) + " was released when its step scope"
                    + " (TensorScope) closed and its buffer is being reused; keep it with TensorScope.keep(t) or"
                    + " copy() it inside the scope");
        }
    }

    float[] floatsUnchecked() {
        return storage instanceof Storage.Floats(float[] array) ? array : null;
    }

    float[] gradUnchecked() {
        return grad;
    }

    /** A kept tensor at its scope's close: survives as a leaf without history. */
    void leaveScope(TensorScope closing) {
        if (scope == closing) {
            scope = null;
            if (gradNode != null) {
                gradNode = null;
                requiresGrad = false;
            }
        }
    }

    /** A tensor that was not kept, at its scope's close; recycled: its storage or gradient buffer was pooled. */
    void endInScope(boolean recycled) {
        if (recycled) {
            released = true;
            grad = null;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(dtype()).append(' ').append(Shape.str(shape));
        if (released) {
            return sb.append(", released with its step scope)").toString();
        }
        if (dtype() == DType.FLOAT32 && numel() <= 16) {
            sb.append(' ').append(Arrays.toString(data()));
        }
        if (requiresGrad) {
            sb.append(gradNode == null ? ", requires_grad" : ", grad_fn=" + gradNode.op());
        }
        return sb.append(')').toString();
    }
}
