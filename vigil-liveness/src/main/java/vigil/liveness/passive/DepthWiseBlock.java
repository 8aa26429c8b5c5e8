package vigil.liveness.passive;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.SqueezeExcite;

/**
 * MiniFASNet's Depth_Wise (and Depth_Wise_SE) bottleneck: 1x1 expand ("conv", Conv_block), 3x3
 * depthwise ("conv_dw", Conv_block with one group per channel, padding 1), 1x1 projection ("project",
 * Linear_block); in a residual block optionally squeeze-excitation ("se_module", reduction 4) on the
 * projection, then the input added back.
 *
 * <p>The four widths are the block's slice of the keep table: in -> expanded -> depthwise out ->
 * projected. x: [N, in, H, W] -> y: [N, projected, H / stride, W / stride] (rounded up).
 */
final class DepthWiseBlock extends Module implements Layer, KeepsOutput {
    /** The SE reduction MiniFASNet's ResidualSE passes to its last block. */
    static final int SE_REDUCTION = 4;

    private final ConvBlock conv;
    private final ConvBlock convDw;
    private final LinearBlock project;
    private final SqueezeExcite seModule;
    private final boolean residual;
    // this thread's kept buffers: the expansion, the depthwise output, and the block's output (forwardKeeping)
    private final ThreadLocal<float[][][]> scratch =
            ThreadLocal.withInitial(() -> new float[][][] {{null}, {null}, {null}});

    DepthWiseBlock(int in, int expanded, int depthwiseOut, int projected, int stride, boolean residual,
                   boolean squeezeExcite, Rng rng) {
        if (residual && (in != projected || stride != 1)) {
            throw new IllegalArgumentException("DepthWiseBlock(" + in + " -> " + projected + ", stride " + stride
                    + "): a residual block must keep its width and size");
        }
        if (squeezeExcite && !residual) {
            // The reference applies its SE module only on the residual path; without one it would be dead weight.
            throw new IllegalArgumentException("DepthWiseBlock: squeeze-excitation needs a residual block");
        }
        this.conv = registerModule("conv", ConvBlock.pointwise(in, expanded, rng));
        this.convDw = registerModule("conv_dw", new ConvBlock(expanded, depthwiseOut, new int[] {3, 3},
                new int[] {stride, stride}, new int[] {1, 1}, expanded, rng));
        this.project = registerModule("project", LinearBlock.pointwise(depthwiseOut, projected, rng));
        this.seModule = squeezeExcite ? registerModule("se_module", new SqueezeExcite(projected, SE_REDUCTION, rng))
                : null;
        this.residual = residual;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, false);
    }

    @Override
    public Tensor forwardKeeping(Tensor x) {
        return forward(x, true);
    }

    private Tensor forward(Tensor x, boolean keepOutput) {
        // The expansion and depthwise outputs never leave this method: in evaluation they go to this thread's
        // kept buffers (ConvBlock.forwardReusing) instead of fresh arrays the allocator must zero first.
        float[][][] kept = scratch.get();
        Tensor expanded = convDw.forwardReusing(conv.forwardReusing(x, kept[0]), kept[1]);
        if (seModule != null) {
            Tensor y = seModule.forward(project.forward(expanded));
            return residual ? x.add(y) : y;
        }
        // without SE the skip connection is added in the projection's epilogue (fused evaluation) or after it
        return project.forwardAdd(expanded, residual ? x : null, keepOutput ? kept[2] : null);
    }
}
