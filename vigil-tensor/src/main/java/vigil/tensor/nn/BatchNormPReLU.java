package vigil.tensor.nn;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.BatchNormPReluOp;

/**
 * prelu.forward(bn.forward(x)) for a BatchNorm2d followed by a PReLU, run as the one fused op
 * {@link BatchNormPReluOp} (bit-identical results and gradients, one activation buffer and two passes fewer in
 * training). The two layers keep their own parameters, buffers and state-dict names; this only runs them.
 * x: [N, C, H, W] -> y: [N, C, H, W].
 */
public final class BatchNormPReLU {
    private BatchNormPReLU() {
    }

    public static Tensor forward(BatchNorm2d bn, PReLU prelu, Tensor x) {
        if (x.rank() != 4 || x.dim(1) != bn.runningMean().numel()) {
            throw new ShapeException("BatchNorm2d(" + bn.runningMean().numel() + ") + PReLU: expected input "
                    + "[N, C, H, W] with C = " + bn.runningMean().numel() + ", got " + Shape.str(x.shape()));
        }
        if (bn.isTraining()) {
            bn.countBatch();
        }
        return BatchNormPReluOp.batchNormPrelu(x, bn.weight(), bn.bias(), bn.runningMean(), bn.runningVar(),
                bn.isTraining(), bn.momentum(), bn.eps(), prelu.weight());
    }
}
