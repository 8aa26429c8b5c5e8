package vigil.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step's tensors, whose buffers go back to the {@link BufferPool} when the step ends, so the next
 * step's forward reuses them instead of allocating (and the garbage collector copying) a step's activations.
 *
 * <pre>
 * try (TensorScope step = TensorScope.open()) {
 *     optimizer.zeroGrad();
 *     Tensor loss = objective.loss(model.forward(x), y);
 *     float value = loss.item();          // read what you need inside the scope
 *     loss.backward();
 *     optimizer.step();
 * }
 * </pre>
 *
 * <p>What is recycled: a buffer an op took from the pool on this thread while the scope was open, that is still
 * on loan to the scope at close (not given back, not handed to a leaf as its gradient) and is the storage or
 * the gradient of a tensor created in the scope, unless a tensor passed to {@link #keep} uses it. Parameters,
 * their gradients, optimizer state, tensors created before the scope and arrays the caller wrapped
 * ({@code Tensor.of(myArray)}) are never recycled.
 *
 * <p>After close: a tensor whose buffer was recycled throws {@link IllegalStateException} on every read (it
 * never shows recycled data); any other tensor created in the scope keeps its values but its graph is closed
 * (backward through it throws, since the graph's saved buffers may be recycled). A kept tensor keeps its
 * values and gradient and becomes a leaf without history. A raw array taken with {@code data()} inside the
 * scope must not be used after close unless its tensor was kept.
 *
 * <p>One scope per thread at a time (scopes do not nest); only tensors created on the opening thread belong
 * to it (ops' worker threads create none). Closing runs whatever happened in the step, exceptions included.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final Thread thread = Thread.currentThread();
    private List<Tensor> created = new ArrayList<>();
    private List<float[]> leased = new ArrayList<>();
    private Map<Tensor, Boolean> kept = new IdentityHashMap<>();
    private boolean closed;

    private TensorScope() {
    }

    /** Opens a step scope on this thread. */
    public static TensorScope open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a TensorScope is already open on thread " + Thread.currentThread().getName()
                    + ": step scopes do not nest");
        }
        TensorScope scope = new TensorScope();
        CURRENT.set(scope);
        return scope;
    }

    /** The scope open on this thread, or null. */
    static TensorScope current() {
        return CURRENT.get();
    }

    /** True until {@link #close}. */
    public boolean isOpen() {
        return !closed;
    }

    /** Makes t (its storage and gradient) survive the close, as a leaf without history; returns t. */
    public Tensor keep(Tensor t) {
        if (closed) {
            throw new IllegalStateException("keep() on a TensorScope that has closed");
        }
        kept.put(t, Boolean.TRUE);
        return t;
    }

    void register(Tensor t) {
        created.add(t);
    }

    void leased(float[] buffer) {
        leased.add(buffer);
    }

    /** Recycles the step's buffers and ends the scope's tensors (see the class comment). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a TensorScope must be closed on the thread that opened it ("
                    + thread.getName() + ")");
        }
        closed = true;
        CURRENT.remove();
        Map<float[], Boolean> protectedArrays = new IdentityHashMap<>();
        for (Tensor t : kept.keySet()) {
            addArrays(t, protectedArrays);
        }
        Map<float[], Boolean> stepArrays = new IdentityHashMap<>();
        for (Tensor t : created) {
            if (!kept.containsKey(t)) {
                addArrays(t, stepArrays);
            }
        }
        List<float[]> recycled = new ArrayList<>();
        Map<float[], Boolean> recycledSet = new IdentityHashMap<>();
        for (float[] a : BufferPool.endLeases(this, leased)) {
            if (stepArrays.containsKey(a) && !protectedArrays.containsKey(a) && recycledSet.put(a, Boolean.TRUE) == null) {
                recycled.add(a);
            }
        }
        // mark before pooling, so no tensor of this step can reach a buffer another op already holds
        for (Tensor t : created) {
            if (kept.containsKey(t)) {
                t.leaveScope(this);
            } else {
                t.endInScope(recycledSet.containsKey(t.floatsUnchecked()) || recycledSet.containsKey(t.gradUnchecked()));
            }
        }
        created = List.of();
        leased = List.of();
        kept = Map.of();
        BufferPool.recycle(recycled);
    }

    private static void addArrays(Tensor t, Map<float[], Boolean> into) {
        float[] storage = t.floatsUnchecked();
        if (storage != null) {
            into.put(storage, Boolean.TRUE);
        }
        float[] grad = t.gradUnchecked();
        if (grad != null) {
            into.put(grad, Boolean.TRUE);
        }
    }
}
