package vigil.face.landmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.face.tfjs.TfImageOps;
import vigil.face.tfjs.TfLayers;
import vigil.face.tfjs.TfjsWeights;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Activations;

/**
 * face-api's tiny face detector: a TinyYolov2 with depthwise-separable convolutions over a square
 * input (the image zero-padded at the bottom or right to a square, then resized bilinearly to
 * inputSize), minus the mean RGB, divided by 255. Layers: conv 3x3 valid (3 -> 16), then five
 * separable 3x3 convolutions (16 -> 32 -> ... -> 512), each leaky-ReLU(0.1) and max-pooled 2x2 (the
 * last with stride 1), then a 1x1 conv to 5 anchors x (x, y, w, h, score) per cell of a grid of
 * inputSize / 32 cells. Boxes decode YOLO-style, scores are sigmoids; NMS at IoU 0.4.
 */
public final class TinyFaceDetector {
    public static final String MODEL = "tiny_face_detector_model";
    public static final int DEFAULT_INPUT_SIZE = 416;
    public static final float DEFAULT_SCORE_THRESHOLD = 0.5f;
    static final float IOU_THRESHOLD = 0.4f;
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308},
    };
    private static final int[] CHANNELS = {16, 32, 64, 128, 256, 512};

    private final Tensor[] weights;
    private final int inputSize;
    private final float scoreThreshold;

    private TinyFaceDetector(Tensor[] weights, int inputSize, float scoreThreshold) {
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("tiny face detector input size must be a positive multiple of 32, got "
                    + inputSize);
        }
        if (!(scoreThreshold >= 0f && scoreThreshold < 1f)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1), got " + scoreThreshold);
        }
        this.weights = weights;
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
    }

    /** dir: face-api's model folder with {@code tiny_face_detector_model-weights_manifest.json} and its .bin. */
    public static TinyFaceDetector load(Path dir) throws IOException {
        TfjsWeights w = TfjsWeights.load(dir.resolve(MODEL + "-weights_manifest.json"));
        Tensor[] t = new Tensor[2 + 3 * 5 + 2];
        int i = 0;
        t[i++] = TfLayers.convFilter(w.get("conv0/filters", 3, 3, 3, 16), 3, 3, 3, 16);
        t[i++] = Tensor.of(w.get("conv0/bias", 16), 16);
        for (int layer = 1; layer <= 5; layer++) {
            int in = CHANNELS[layer - 1];
            int out = CHANNELS[layer];
            String p = "conv" + layer + "/";
            t[i++] = TfLayers.depthwiseFilter(w.get(p + "depthwise_filter", 3, 3, in, 1), 3, 3, in);
            t[i++] = TfLayers.convFilter(w.get(p + "pointwise_filter", 1, 1, in, out), 1, 1, in, out);
            t[i++] = Tensor.of(w.get(p + "bias", out), out);
        }
        t[i++] = TfLayers.convFilter(w.get("conv8/filters", 1, 1, 512, 25), 1, 1, 512, 25);
        t[i] = Tensor.of(w.get("conv8/bias", 25), 25);
        return new TinyFaceDetector(t, DEFAULT_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD);
    }

    public TinyFaceDetector withInputSize(int size) {
        return new TinyFaceDetector(weights, size, scoreThreshold);
    }

    public TinyFaceDetector withScoreThreshold(float threshold) {
        return new TinyFaceDetector(weights, inputSize, threshold);
    }

    public int inputSize() {
        return inputSize;
    }

    public float scoreThreshold() {
        return scoreThreshold;
    }

    /** Faces scoring above the threshold after NMS, most confident first, in image pixels. */
    public List<ScoredBox> detect(BgrImage image) {
        int w = image.width();
        int h = image.height();
        float[] grid = forward(input(image, inputSize));
        return decode(grid, inputSize, w, h, scoreThreshold);
    }

    /** The network input [1, 3, s, s]: padded to a square at the bottom or right, resized, normalised. */
    static Tensor input(BgrImage image, int size) {
        int w = image.width();
        int h = image.height();
        float[] square = TfImageOps.padToSquare(TfImageOps.rgb(image, 0, 0, w, h), h, w, false);
        int side = Math.max(w, h);
        if (side != size) {
            square = TfImageOps.resizeBilinear(square, side, side, size, size);
        }
        return TfImageOps.normalize(square, size, MEAN_RGB);
    }

    /** The raw head output [25, cells, cells] flattened: channel anchor * 5 + k, k = x, y, w, h, score. */
    float[] forward(Tensor x) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            Tensor out = TfLayers.conv2d(x, weights[0], weights[1], 1, false, 1);
            out = Activations.leakyRelu(out, 0.1f);
            out = TfLayers.maxPoolSame(out, 2, 2);
            for (int layer = 1; layer <= 5; layer++) {
                int base = 2 + 3 * (layer - 1);
                out = TfLayers.pad(out, 1, 1, 1, 1);
                out = TfLayers.separableConv2d(out, weights[base], weights[base + 1], weights[base + 2], 1, false);
                out = Activations.leakyRelu(out, 0.1f);
                out = TfLayers.maxPoolSame(out, 2, layer < 5 ? 2 : 1);
            }
            out = TfLayers.conv2d(out, weights[17], weights[18], 1, false, 1);
            return out.data();
        }
    }

    /**
     * face-api's box decoding, in doubles as the JS does: the grid covers the padded square, so
     * coordinates relative to the square are stretched by inputSize / reshaped side to become
     * relative to the image, then scaled by the image size.
     */
    static List<ScoredBox> decode(float[] grid, int inputSize, int width, int height, float threshold) {
        double scale = (double) inputSize / Math.max(width, height);
        double corrX = inputSize / (double) Math.round(width * scale);
        double corrY = inputSize / (double) Math.round(height * scale);
        int cells = (int) Math.round(Math.sqrt(grid.length / 25.0));
        int plane = cells * cells;
        List<double[]> found = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int a = 0; a < ANCHORS.length; a++) {
                    int at = row * cells + col;
                    double score = sigmoid(grid[(a * 5 + 4) * plane + at]);
                    if (score > threshold) {
                        double cx = (col + sigmoid(grid[(a * 5) * plane + at])) / cells * corrX;
                        double cy = (row + sigmoid(grid[(a * 5 + 1) * plane + at])) / cells * corrY;
                        double bw = Math.exp(grid[(a * 5 + 2) * plane + at]) * ANCHORS[a][0] / cells * corrX;
                        double bh = Math.exp(grid[(a * 5 + 3) * plane + at]) * ANCHORS[a][1] / cells * corrY;
                        double left = cx - bw / 2;
                        double top = cy - bh / 2;
                        found.add(new double[] {left, top, left + bw, top + bh, score});
                    }
                }
            }
        }
        List<ScoredBox> faces = new ArrayList<>();
        for (int i : NonMaxSuppression.keep(found, IOU_THRESHOLD)) {
            double[] b = found.get(i);
            faces.add(new ScoredBox((float) (b[0] * width), (float) (b[1] * height),
                    (float) ((b[2] - b[0]) * width), (float) ((b[3] - b[1]) * height), (float) b[4]));
        }
        return faces;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
