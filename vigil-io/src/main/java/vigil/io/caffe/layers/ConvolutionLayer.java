package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Conv2dOp;

/**
 * Caffe "Convolution": x [N, C, H, W] -> y [N, num_output, Ho, Wo], Caffe's output size
 * (H + 2 pad - dilation (k - 1) - 1) / stride + 1, the same rule as PyTorch, so the engine's conv2d
 * runs it. Blobs: weight [num_output, C / group, kh, kw], then bias [num_output] if bias_term.
 */
final class ConvolutionLayer implements CaffeLayer {
    private final Tensor weight;
    private final Tensor bias;
    private final Window win;
    private final int group;

    ConvolutionLayer(LayerSpec spec, LayerWeights blobs) throws IOException {
        TextMessage p = spec.param("convolution_param");
        int out = p.intValue("num_output", 0);
        group = p.intValue("group", 1);
        win = Window.read(spec, p, true);
        boolean biasTerm = p.bool("bias_term", true);
        if (out < 1 || group < 1 || out % group != 0) {
            throw spec.error("num_output " + out + " must be positive and divisible by group " + group);
        }
        if (p.intValue("axis", 1) != 1) {
            throw spec.error("only axis 1 (NCHW channels) is supported");
        }
        blobs.expectCount(biasTerm ? 2 : 1);
        int[] ws = blobs.get(0).shape();
        if (ws.length != 4 || ws[0] != out || ws[2] != win.kh() || ws[3] != win.kw()) {
            throw blobs.error("weight blob " + Shape.str(ws) + " does not match num_output " + out
                    + " and kernel " + win.kh() + "x" + win.kw());
        }
        weight = blobs.get(0);
        bias = biasTerm ? blobs.shaped(1, out) : null;
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor y = Conv2dOp.conv2d(bottoms[0], weight, bias, new int[] {win.sh(), win.sw()},
                new int[] {win.ph(), win.pw()}, new int[] {win.dh(), win.dw()}, group);
        return new Tensor[] {y};
    }
}
