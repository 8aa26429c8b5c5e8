package vigil.liveness.blink;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.GRU;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOutput;

/**
 * A one-layer, batch-first GRU with a linear head giving one logit per frame; run over whole
 * sequences in training and one frame at a time (carrying the hidden state) when streaming.
 * State-dict names: gru.*, head.*.
 *
 * <pre>
 * x [N, T, inputs] -> GRU(inputs -> hidden) -> y [N, T, hidden] -> linear -> logits [N, T, 1]
 * </pre>
 */
public abstract class FrameLogitGru extends Module {
    private final GRU gru;
    private final Linear head;

    protected FrameLogitGru(int inputs, int hidden, Rng rng) {
        RecurrentConfig cfg = new RecurrentConfig(RecurrentConfig.Mode.GRU, hidden, 1, false, true,
                RecurrentConfig.Nonlinearity.TANH, true);
        gru = registerModule("gru", new GRU(inputs, cfg, rng));
        head = registerModule("head", new Linear(hidden, 1, rng));
    }

    /** Per-frame logits [N, T, 1] of x [N, T, inputs]. */
    public Tensor forward(Tensor x) {
        return head.forward(gru.forward(x, null).y());
    }

    /** One streaming step: x [1, 1, inputs], h [1, 1, hidden] or null -> (logit [1, 1, 1] as y, new h). */
    public RecurrentOutput step(Tensor x, Tensor h) {
        RecurrentOutput o = gru.forward(x, h);
        return new RecurrentOutput(head.forward(o.y()), o.hN(), null);
    }
}
