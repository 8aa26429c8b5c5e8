package vigil.tensor.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.tensor.DType;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Storage;
import vigil.tensor.Tensor;

/**
 * Updates a fixed list of parameters in place from their accumulated gradients, one learning rate
 * for all. Per-parameter state (momentum, moments, step counts) is keyed by the parameter's index
 * in the list, and exported as named tensors "state.&lt;index&gt;.&lt;name&gt;" (PyTorch's optimizer
 * state_dict names) so a run can be saved and resumed to the bit.
 *
 * <p>A parameter whose gradient is null (backward never reached it) is skipped and its state left
 * untouched, as torch.optim does.
 */
public abstract class Optimizer {
    private final String name;
    private final List<Tensor> params;
    /** The live float arrays of the parameters (they must be dense, so updates land in the tensor). */
    private final float[][] values;
    private double learningRate;

    protected Optimizer(String name, List<Tensor> params, double learningRate) {
        this.name = name;
        this.params = List.copyOf(params);
        if (this.params.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize");
        }
        this.values = new float[this.params.size()][];
        for (int i = 0; i < this.params.size(); i++) {
            Tensor p = this.params.get(i);
            if (p.dtype() != DType.FLOAT32 || !(p.storage() instanceof Storage.Floats(float[] array))
                    || p.data() != array) {
                throw new ShapeException(name + ": parameter " + i + " " + Shape.str(p.shape())
                        + " must be a dense float32 tensor owning its storage");
            }
            values[i] = array;
        }
        setLearningRate(learningRate);
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            float[] grad = params.get(i).gradArray();
            if (grad != null) {
                update(i, values[i], grad);
            }
        }
    }

    /**
     * Updates parameter {@code index} in place.
     * @param param its values (logical order, written in place)
     * @param grad  its gradient (read only: torch.optim never changes p.grad)
     */
    protected abstract void update(int index, float[] param, float[] grad);

    /** Drops every parameter's gradient (PyTorch's zero_grad(set_to_none=True)). */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    public List<Tensor> parameters() {
        return params;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The per-parameter state as named tensors (copies); parameters without state yet are absent. */
    public abstract Map<String, Tensor> stateDict();

    /** Replaces the state with one {@link #stateDict()} produced for the same parameter list. */
    public abstract void loadStateDict(Map<String, Tensor> state);

    // ---- helpers for subclasses' state dicts ----

    protected static String key(int index, String field) {
        return "state." + index + "." + field;
    }

    /** A copy of a per-parameter buffer, shaped like parameter {@code index}. */
    protected final Tensor export(int index, float[] buffer) {
        return Tensor.of(buffer.clone(), params.get(index).shape());
    }

    /** A copy of the buffer stored under state.&lt;index&gt;.&lt;field&gt;, or null when absent. */
    protected final float[] importBuffer(Map<String, Tensor> state, int index, String field) {
        Tensor t = state.get(key(index, field));
        if (t == null) {
            return null;
        }
        int[] expected = params.get(index).shape();
        if (t.dtype() != DType.FLOAT32 || t.numel() != Shape.numel(expected)) {
            throw new ShapeException(name + ": state " + key(index, field) + " is " + t.dtype() + " "
                    + Shape.str(t.shape()) + ", parameter " + index + " is " + Shape.str(expected));
        }
        return t.data().clone();
    }

    /** A step count as a scalar int64 tensor. */
    protected static Tensor exportCount(long count) {
        return Tensor.ofLongs(new long[] {count});
    }

    protected final long importCount(Map<String, Tensor> state, int index, String field) {
        Tensor t = state.get(key(index, field));
        if (t == null) {
            return 0;
        }
        if (t.dtype() != DType.INT64 || t.numel() != 1) {
            throw new ShapeException(name + ": state " + key(index, field) + " must be one int64, got " + t.dtype()
                    + " " + Shape.str(t.shape()));
        }
        return t.longs()[0];
    }

    /** Every key must be state.&lt;index&gt;.&lt;field&gt; with a known field and an index in range. */
    protected final void rejectUnknownKeys(Map<String, Tensor> state, Set<String> fields) {
        List<String> bad = new ArrayList<>();
        for (String k : state.keySet()) {
            String[] parts = k.split("\\.", 3);
            boolean ok = parts.length == 3 && parts[0].equals("state") && fields.contains(parts[2]);
            if (ok) {
                try {
                    int i = Integer.parseInt(parts[1]);
                    ok = i >= 0 && i < params.size();
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                bad.add(k);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(name + ": state dict has unknown entries " + bad + " (fields "
                    + fields + ", " + params.size() + " parameters)");
        }
    }

    protected final int parameterCount() {
        return params.size();
    }
}
