package vigil.face.landmark;

import java.io.IOException;
import java.nio.file.Path;
import vigil.data.image.BgrImage;
import vigil.face.tfjs.TfImageOps;
import vigil.face.tfjs.TfLayers;
import vigil.face.tfjs.TfjsWeights;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.MatMul;

/**
 * face-api's 68-point landmark net (FaceLandmark68Net / FaceLandmark68TinyNet). Input: the face box
 * clipped to the image and floored, zero-padded to a centred square, resized to 112x112, minus the
 * mean RGB (122.782, 117.001, 104.298), divided by 255. Body: dense blocks (4 or 3), each a stride-2
 * conv (a plain 3x3 in the first block, separable after) then 3 (or 2) stride-1 separable convs
 * whose inputs are the ReLU of the sum of all earlier outputs in the block; then a valid average
 * pool to 1x1 and a fully connected layer to 136 values: (x, y) pairs relative to the padded square.
 */
public final class FaceLandmarkNet {
    public static final int INPUT_SIZE = 112;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final LandmarkNetKind kind;
    // Per block: conv0 (filter or depthwise + pointwise) + bias, then (depthwise, pointwise, bias) per conv.
    private final Tensor[][] blocks;
    private final Tensor fcWeights;
    private final Tensor fcBias;

    private FaceLandmarkNet(LandmarkNetKind kind, Tensor[][] blocks, Tensor fcWeights, Tensor fcBias) {
        this.kind = kind;
        this.blocks = blocks;
        this.fcWeights = fcWeights;
        this.fcBias = fcBias;
    }

    public static FaceLandmarkNet load(Path dir, LandmarkNetKind kind) throws IOException {
        TfjsWeights w = TfjsWeights.load(dir.resolve(kind.modelName() + "-weights_manifest.json"));
        int convs = kind.blocks() == 4 ? 4 : 3;
        Tensor[][] blocks = new Tensor[kind.blocks()][];
        int in = 3;
        for (int b = 0; b < kind.blocks(); b++) {
            int out = kind.channels(b);
            String p = "dense" + b + "/";
            Tensor[] t = new Tensor[3 * convs];
            if (b == 0) {
                t[0] = null;
                t[1] = TfLayers.convFilter(w.get(p + "conv0/filters", 3, 3, in, out), 3, 3, in, out);
            } else {
                t[0] = TfLayers.depthwiseFilter(w.get(p + "conv0/depthwise_filter", 3, 3, in, 1), 3, 3, in);
                t[1] = TfLayers.convFilter(w.get(p + "conv0/pointwise_filter", 1, 1, in, out), 1, 1, in, out);
            }
            t[2] = Tensor.of(w.get(p + "conv0/bias", out), out);
            for (int c = 1; c < convs; c++) {
                String q = p + "conv" + c + "/";
                t[3 * c] = TfLayers.depthwiseFilter(w.get(q + "depthwise_filter", 3, 3, out, 1), 3, 3, out);
                t[3 * c + 1] = TfLayers.convFilter(w.get(q + "pointwise_filter", 1, 1, out, out), 1, 1, out, out);
                t[3 * c + 2] = Tensor.of(w.get(q + "bias", out), out);
            }
            blocks[b] = t;
            in = out;
        }
        Tensor fcW = Tensor.of(w.get("fc/weights", in, 136), in, 136);
        Tensor fcB = Tensor.of(w.get("fc/bias", 136), 1, 136);
        return new FaceLandmarkNet(kind, blocks, fcW, fcB);
    }

    public LandmarkNetKind kind() {
        return kind;
    }

    /**
     * 68 points (x0, y0, ...) in image pixels for a face box, or null when the box clipped to the
     * image is empty. As face-api does, the crop is the clipped, floored box but the points are
     * shifted by the unclipped box corner.
     */
    public float[] predict(BgrImage image, ScoredBox box) {
        double x0 = Math.max(box.x(), 0);
        double y0 = Math.max(box.y(), 0);
        int cx = (int) Math.floor(x0);
        int cy = (int) Math.floor(y0);
        int cw = (int) Math.floor(Math.min((double) box.x() + box.width() - x0, image.width() - x0));
        int ch = (int) Math.floor(Math.min((double) box.y() + box.height() - y0, image.height() - y0));
        if (cw <= 0 || ch <= 0) {
            return null;
        }
        float[] relative = relativePoints(image, cx, cy, cw, ch);
        float[] points = new float[136];
        for (int i = 0; i < 68; i++) {
            points[2 * i] = (float) (relative[2 * i] * (double) cw + box.x());
            points[2 * i + 1] = (float) (relative[2 * i + 1] * (double) ch + box.y());
        }
        return points;
    }

    /** Points relative to the crop [cx, cx + cw) x [cy, cy + ch): 0..1 across it (the padding removed). */
    float[] relativePoints(BgrImage image, int cx, int cy, int cw, int ch) {
        float[] square = TfImageOps.padToSquare(TfImageOps.rgb(image, cx, cy, cw, ch), ch, cw, true);
        int side = Math.max(cw, ch);
        if (side != INPUT_SIZE) {
            square = TfImageOps.resizeBilinear(square, side, side, INPUT_SIZE, INPUT_SIZE);
        }
        float[] raw = forward(TfImageOps.normalize(square, INPUT_SIZE, MEAN_RGB));
        // face-api's postProcess, in float32: the square holds the crop scaled by 112 / side and
        // centred, so subtract the padding and divide by the scaled crop size.
        float scale = INPUT_SIZE / (float) side;
        float sw = cw * scale;
        float sh = ch * scale;
        float padX = sw < sh ? Math.abs(sw - sh) / 2 : 0f;
        float padY = sh < sw ? Math.abs(sw - sh) / 2 : 0f;
        float[] rel = new float[136];
        for (int i = 0; i < 68; i++) {
            rel[2 * i] = (raw[2 * i] * INPUT_SIZE - padX) / sw;
            rel[2 * i + 1] = (raw[2 * i + 1] * INPUT_SIZE - padY) / sh;
        }
        return rel;
    }

    /** x: [1, 3, 112, 112] normalised -> the fc output, 136 values relative to the square input. */
    float[] forward(Tensor x) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            Tensor out = x;
            for (Tensor[] block : blocks) {
                out = denseBlock(out, block);
            }
            out = TfLayers.avgPoolValid(out, kind.poolSize(), 2);
            Tensor features = out.reshape(1, out.numel());
            return MatMul.matmul(features, fcWeights).add(fcBias).data();
        }
    }

    // out1 = relu(conv0(x)); each later conv reads relu(out1 + ... + out_k); the block returns relu of the full sum.
    private static Tensor denseBlock(Tensor x, Tensor[] t) {
        Tensor first = t[0] == null
                ? TfLayers.conv2d(x, t[1], t[2], 2, true, 1)
                : TfLayers.separableConv2d(x, t[0], t[1], t[2], 2, true);
        first = Activations.relu(first);
        int convs = t.length / 3;
        Tensor[] outs = new Tensor[convs];
        outs[0] = first;
        Tensor in = first;
        for (int c = 1; c < convs; c++) {
            outs[c] = TfLayers.separableConv2d(in, t[3 * c], t[3 * c + 1], t[3 * c + 2], 1, true);
            in = Activations.relu(sumFrom(outs, c));
        }
        return in;
    }

    // face-api adds right to left: out1 + (out2 + (out3 + out4)).
    private static Tensor sumFrom(Tensor[] outs, int last) {
        Tensor s = outs[last];
        for (int i = last - 1; i >= 0; i--) {
            s = outs[i].add(s);
        }
        return s;
    }
}
