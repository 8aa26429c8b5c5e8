package vigil.liveness.selection;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;

/**
 * The small classifier of the selection experiment: one hidden ReLU layer, then a linear head whose
 * input (the features) the tracker needs for the closed-form last-layer gradient norm.
 * <pre>
 * x [N, 1, H, W] -> flatten [N, H*W] -> hidden [N, width] -> ReLU -> features [N, width] -> logits [N, classes]
 * </pre>
 */
public final class SelectionMlp extends Module implements Layer {
    private final Linear hidden;
    private final Linear head;
    private final int inputs;

    public SelectionMlp(int inputs, int width, int classes, Rng rng) {
        this.inputs = inputs;
        this.hidden = registerModule("hidden", new Linear(inputs, width, rng.fork(1)));
        this.head = registerModule("head", new Linear(width, classes, rng.fork(2)));
    }

    /** The head's input: [N, width]. */
    public Tensor features(Tensor x) {
        return hidden.forward(x.reshape(x.dim(0), inputs)).relu();
    }

    /** Logits from features: [N, width] -> [N, classes]. */
    public Tensor head(Tensor features) {
        return head.forward(features);
    }

    public Linear headLayer() {
        return head;
    }

    public int width() {
        return hidden.weight().dim(0);
    }

    @Override
    public Tensor forward(Tensor x) {
        return head(features(x));
    }
}
