package vigil.tensor.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * The state of a layer or model: parameters (take gradients), buffers (running statistics) and
 * child modules, each under a name, so that {@link #stateDict()} uses PyTorch's dotted names
 * ("features.0.weight", "bn.running_mean") and PyTorch weights load unchanged.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    protected final Tensor registerParameter(String name, Tensor value) {
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    protected final Tensor registerBuffer(String name, Tensor value) {
        buffers.put(name, value);
        return value;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** Direct children by name, in registration order. */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** All parameters of this module and its descendants, by dotted name. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, false);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters and buffers, by dotted name: what a checkpoint holds. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean params, boolean bufs) {
        if (params) {
            parameters.forEach((k, v) -> out.put(prefix + k, v));
        }
        if (bufs) {
            buffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, params, bufs));
    }

    /**
     * Copies values into this module's tensors. With strict, a missing or unexpected key is an
     * error; a shape mismatch always is. The error names the key and both shapes.
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        if (strict) {
            List<String> missing = new ArrayList<>();
            for (String k : own.keySet()) {
                if (!state.containsKey(k)) {
                    missing.add(k);
                }
            }
            List<String> unexpected = new ArrayList<>();
            for (String k : state.keySet()) {
                if (!own.containsKey(k)) {
                    unexpected.add(k);
                }
            }
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("state dict does not match " + getClass().getSimpleName()
                        + ": missing " + missing + ", unexpected " + unexpected);
            }
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                continue;
            }
            Tensor dst = e.getValue();
            if (!java.util.Arrays.equals(src.shape(), dst.shape()) || src.dtype() != dst.dtype()) {
                throw new ShapeException("state dict entry " + e.getKey() + ": " + src.dtype() + " "
                        + Shape.str(src.shape()) + " does not fit " + dst.dtype() + " " + Shape.str(dst.shape()));
            }
            switch (dst.dtype()) {
                case FLOAT32 -> System.arraycopy(src.data(), 0, dst.data(), 0, dst.numel());
                case INT64 -> System.arraycopy(src.longs(), 0, dst.longs(), 0, dst.numel());
                case INT32 -> System.arraycopy(src.ints(), 0, dst.ints(), 0, dst.numel());
                case INT8 -> System.arraycopy(src.bytes(), 0, dst.bytes(), 0, dst.numel());
            }
        }
    }

    /** Switches this module and its descendants between training and evaluation behaviour. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    public int parameterCount() {
        int n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }
}
