package vigil.tensor.nn;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.ops.BatchNormOp;

/**
 * The state shared by torch.nn.BatchNorm1d and BatchNorm2d: parameters "weight" (ones) and "bias"
 * (zeros) when affine; buffers "running_mean" (zeros), "running_var" (ones) and "num_batches_tracked"
 * (an int64 scalar of shape [], as PyTorch stores it, so state dicts match). Training mode
 * ({@link Module#isTraining()}) normalises with batch statistics and updates the running ones.
 */
public abstract sealed class BatchNorm extends Module implements Layer permits BatchNorm1d, BatchNorm2d {
    private final int features;
    private final double momentum;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(int features, double eps, double momentum, boolean affine) {
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Init.constant(Tensor.zeros(features), 1f)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.ofLongs(new long[] {0L}));
    }

    /** The ranks of input this variant accepts, for the error message and the check. */
    abstract boolean acceptsRank(int rank);

    abstract String expectedShapes();

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.dim(1) != features) {
            throw new ShapeException(getClass().getSimpleName() + "(" + features + "): expected input "
                    + expectedShapes() + " with C = " + features + ", got " + Shape.str(x.shape()));
        }
        boolean training = isTraining();
        if (training) {
            countBatch();
        }
        return BatchNormOp.batchNorm(x, weight, bias, runningMean, runningVar, training, momentum, eps);
    }

    // one more training forward pass (PyTorch's num_batches_tracked), also for fused callers in this package
    void countBatch() {
        numBatchesTracked.longs()[0]++;
    }

    /** The affine scale, or null when not affine. */
    public Tensor weight() {
        return weight;
    }

    /** The affine shift, or null when not affine. */
    public Tensor bias() {
        return bias;
    }

    public double eps() {
        return eps;
    }

    /** The running statistics' update weight (PyTorch's momentum). */
    public double momentum() {
        return momentum;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    /** Training forward passes so far (PyTorch's num_batches_tracked). */
    public long batchesTracked() {
        return numBatchesTracked.longs()[0];
    }
}
