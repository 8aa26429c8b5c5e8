package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Tensor;
import vigil.tensor.ops.BatchNormOp;

/**
 * Caffe "BatchNorm": normalisation only (the affine part is a separate Scale layer), over channel
 * axis 1. Blobs: mean [C], variance [C] and a one-value moving-average scale factor s; the stored
 * statistics are sums, so mean / s and variance / s are the estimates (s = 0 means zero statistics,
 * as Caffe has it). y = (x - mean) / sqrt(var + eps), eps default 1e-5.
 * With use_global_stats false (Caffe's TRAIN-phase behaviour) the input's own batch statistics are
 * used instead, with the biased variance.
 */
final class BatchNormLayer implements CaffeLayer {
    private final Tensor mean;
    private final Tensor variance;
    private final boolean globalStats;
    private final double eps;

    BatchNormLayer(LayerSpec spec, LayerWeights blobs) throws IOException {
        TextMessage p = spec.param("batch_norm_param");
        globalStats = p.bool("use_global_stats", true);
        eps = p.floatValue("eps", 1e-5f);
        blobs.expectCount(3);
        int c = blobs.get(0).numel();
        float[] m = blobs.shaped(0, c).data().clone();
        float[] v = blobs.shaped(1, c).data().clone();
        float stored = blobs.shaped(2, 1).data()[0];
        float factor = stored == 0f ? 0f : 1f / stored;
        for (int i = 0; i < c; i++) {
            m[i] *= factor;
            v[i] *= factor;
        }
        mean = Tensor.of(m, c);
        variance = Tensor.of(v, c);
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor y = globalStats
                ? BatchNormOp.batchNorm(bottoms[0], null, null, mean, variance, false, 0, eps)
                : BatchNormOp.batchNorm(bottoms[0], null, null, null, null, true, 0, eps);
        return new Tensor[] {y};
    }
}
