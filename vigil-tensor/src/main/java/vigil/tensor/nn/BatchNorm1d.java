package vigil.tensor.nn;

/** torch.nn.BatchNorm1d: per-feature normalisation of x [N, C] or [N, C, L]; see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {

    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine);
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String expectedShapes() {
        return "[N, C] or [N, C, L]";
    }
}
