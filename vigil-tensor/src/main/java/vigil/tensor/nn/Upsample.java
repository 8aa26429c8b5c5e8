package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Bilinear;

/**
 * Bilinear upsampling as torch.nn.Upsample(mode='bilinear'): x [N, C, H, W] -> [N, C, outH, outW],
 * either to a fixed size or by scale factors (out = floor(in * factor)).
 */
public final class Upsample extends Module implements Layer {
    private final int outH;
    private final int outW;
    private final double scaleH;
    private final double scaleW;
    private final boolean alignCorners;

    private Upsample(int outH, int outW, double scaleH, double scaleW, boolean alignCorners) {
        this.outH = outH;
        this.outW = outW;
        this.scaleH = scaleH;
        this.scaleW = scaleW;
        this.alignCorners = alignCorners;
    }

    /** Upsample(size=(outH, outW), mode='bilinear', align_corners=alignCorners). */
    public static Upsample toSize(int outH, int outW, boolean alignCorners) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("Upsample: size (" + outH + ", " + outW + ") must be positive");
        }
        return new Upsample(outH, outW, 0, 0, alignCorners);
    }

    /** Upsample(scale_factor=(scaleH, scaleW), mode='bilinear', align_corners=alignCorners). */
    public static Upsample byScale(double scaleH, double scaleW, boolean alignCorners) {
        if (!(scaleH > 0) || !(scaleW > 0)) {
            throw new IllegalArgumentException("Upsample: scale factors (" + scaleH + ", " + scaleW
                    + ") must be positive");
        }
        return new Upsample(0, 0, scaleH, scaleW, alignCorners);
    }

    @Override
    public Tensor forward(Tensor x) {
        return scaleH > 0
                ? Bilinear.interpolateBilinearByFactor(x, scaleH, scaleW, alignCorners)
                : Bilinear.interpolateBilinear(x, outH, outW, alignCorners);
    }
}
