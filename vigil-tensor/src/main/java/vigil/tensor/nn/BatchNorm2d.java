package vigil.tensor.nn;

/** torch.nn.BatchNorm2d: per-channel normalisation of x [N, C, H, W]; see {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {

    public BatchNorm2d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine);
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String expectedShapes() {
        return "[N, C, H, W]";
    }
}
