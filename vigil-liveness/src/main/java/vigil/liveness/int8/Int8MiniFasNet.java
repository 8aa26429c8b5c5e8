package vigil.liveness.int8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.data.image.BgrImage;
import vigil.quant.int8.Int8Add;
import vigil.quant.int8.Int8ChannelMul;
import vigil.quant.int8.Int8Conv2d;
import vigil.quant.int8.Int8DepthwiseConv2d;
import vigil.quant.int8.Int8FullyConnected;
import vigil.quant.int8.Int8GlobalAvgPool;
import vigil.quant.int8.Int8Logistic;
import vigil.quant.int8.OutputStage;

/**
 * MiniFASNet in integer arithmetic only, from the image to the logits: the uint8 BGR crop becomes int8
 * codes (q = pixel - 128: scale 1, zero point -128, exact), every layer runs an int8 kernel of
 * vigil.quant.int8 with int32 accumulators and fixed-point requantization, and only the int8 logits are
 * dequantized for the softmax. The graph topology comes from the float model's {@link FloatGraph}; the
 * values from {@link QuantizedLayer}s and per-point {@link ActivationQuant}s.
 */
public final class Int8MiniFasNet {
    /** One compiled node: reads points, returns its own codes for a batch of n. */
    private interface Step {
        byte[] run(Map<String, byte[]> values, int n);
    }

    private final Int8ModelInfo info;
    private final FloatGraph topology;
    private final Map<String, QuantizedLayer> layers;
    private final Map<String, ActivationQuant> activations;
    private final List<String> names = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    public Int8MiniFasNet(Int8ModelInfo info, FloatGraph topology, Map<String, QuantizedLayer> layers,
                          Map<String, ActivationQuant> activations) {
        this.info = info;
        this.topology = topology;
        this.layers = Map.copyOf(layers);
        this.activations = Map.copyOf(activations);
        if (!ActivationQuant.IMAGE.equals(activations.get(FloatGraph.INPUT))) {
            throw new IllegalArgumentException("int8 MiniFASNet: the input point must be scale 1, zero point -128 (got "
                    + activations.get(FloatGraph.INPUT) + ")");
        }
        for (GraphNode node : topology.nodes()) {
            names.add(node.name());
            steps.add(compile(node));
        }
    }

    public Int8ModelInfo info() {
        return info;
    }

    public FloatGraph topology() {
        return topology;
    }

    public Map<String, QuantizedLayer> layers() {
        return layers;
    }

    public Map<String, ActivationQuant> activations() {
        return activations;
    }

    private ActivationQuant act(String point) {
        ActivationQuant a = activations.get(point);
        if (a == null) {
            throw new IllegalArgumentException("int8 MiniFASNet: no scale / zero point for activation point '" + point + "'");
        }
        return a;
    }

    private QuantizedLayer layer(String name) {
        QuantizedLayer l = layers.get(name);
        if (l == null) {
            throw new IllegalArgumentException("int8 MiniFASNet: no quantized weights for layer '" + name + "'");
        }
        return l;
    }

    private Step compile(GraphNode node) {
        return switch (node) {
            case GraphNode.Conv c -> {
                QuantizedLayer q = layer(c.name());
                ActivationQuant in = act(c.input());
                OutputStage stage = outputStage(q, in, act(c.name()), c.activation());
                int[] s = topology.shape(c.input());
                int k = c.kernel();
                int[] stride = {c.stride(), c.stride()};
                int[] pad = {c.padding(), c.padding()};
                if (c.depthwise()) {
                    Int8DepthwiseConv2d dw = new Int8DepthwiseConv2d(q.weight(), q.bias(), c.outChannels(), k, k,
                            stride, pad, in.zeroPoint(), stage);
                    yield (v, n) -> dw.forward(v.get(c.input()), n, s[1], s[2]);
                }
                Int8Conv2d conv = new Int8Conv2d(q.weight(), q.bias(), c.outChannels(), s[0], k, k, stride, pad,
                        in.zeroPoint(), stage);
                yield (v, n) -> conv.forward(v.get(c.input()), n, s[1], s[2]);
            }
            case GraphNode.Linear l -> {
                QuantizedLayer q = layer(l.name());
                ActivationQuant in = act(l.input());
                OutputStage stage = outputStage(q, in, act(l.name()), GraphNode.Activation.NONE);
                Int8FullyConnected fc = new Int8FullyConnected(q.weight(), q.bias(), l.out(), l.in(), in.zeroPoint(),
                        stage);
                yield (v, n) -> fc.forward(v.get(l.input()), n);
            }
            case GraphNode.Add a -> {
                ActivationQuant qa = act(a.a());
                ActivationQuant qb = act(a.b());
                ActivationQuant out = act(a.name());
                Int8Add add = new Int8Add(qa.scale(), qa.zeroPoint(), qb.scale(), qb.zeroPoint(), out.scale(),
                        out.zeroPoint(), -128, 127);
                yield (v, n) -> add.forward(v.get(a.a()), v.get(a.b()));
            }
            case GraphNode.GlobalPool p -> {
                if (!act(p.input()).equals(act(p.name()))) {
                    throw new IllegalArgumentException("int8 MiniFASNet: pool '" + p.name()
                            + "' must keep its input's scale and zero point");
                }
                int[] s = topology.shape(p.input());
                yield (v, n) -> Int8GlobalAvgPool.forward(v.get(p.input()), n, s[0], s[1] * s[2]);
            }
            case GraphNode.Sigmoid sg -> {
                ActivationQuant in = act(sg.input());
                Int8Logistic logistic = new Int8Logistic(in.scale(), in.zeroPoint());
                yield (v, n) -> logistic.forward(v.get(sg.input()));
            }
            case GraphNode.ChannelMul m -> {
                ActivationQuant x = act(m.map());
                ActivationQuant g = act(m.gate());
                ActivationQuant out = act(m.name());
                Int8ChannelMul mul = new Int8ChannelMul(x.scale(), x.zeroPoint(), g.scale(), g.zeroPoint(),
                        out.scale(), out.zeroPoint());
                int[] s = topology.shape(m.map());
                yield (v, n) -> mul.forward(v.get(m.map()), v.get(m.gate()), n, s[0], s[1] * s[2]);
            }
        };
    }

    // M[o] = S_in S_w[o] / S_out; a PReLU's negative side alpha[o] M[o]; a ReLU clamps below at Z_out.
    private static OutputStage outputStage(QuantizedLayer q, ActivationQuant in, ActivationQuant out,
                                           GraphNode.Activation activation) {
        int o = q.outChannels();
        double[] m = new double[o];
        for (int c = 0; c < o; c++) {
            m[c] = (double) in.scale() * q.weightScale()[c] / out.scale();
        }
        return switch (activation) {
            case NONE -> OutputStage.linear(m, out.zeroPoint());
            case RELU -> OutputStage.clamped(m, out.zeroPoint(), out.zeroPoint(), 127);
            case PRELU -> {
                double[] neg = new double[o];
                for (int c = 0; c < o; c++) {
                    neg[c] = q.alpha(c) * m[c];
                }
                yield OutputStage.prelu(m, neg, out.zeroPoint());
            }
        };
    }

    /** Input codes [n, 3, H, W] (pixel - 128) -> every point's codes, by name. */
    public Map<String, byte[]> forwardAll(byte[] input, int n) {
        int expected = n * 3 * topology.inputHeight() * topology.inputWidth();
        if (input.length != expected) {
            throw new IllegalArgumentException("int8 MiniFASNet " + info.inputHeight() + "x" + info.inputWidth()
                    + ": input of " + input.length + " codes, expected " + expected);
        }
        Map<String, byte[]> values = new HashMap<>();
        values.put(FloatGraph.INPUT, input);
        for (int i = 0; i < steps.size(); i++) {
            values.put(names.get(i), steps.get(i).run(values, n));
        }
        return values;
    }

    /** Input codes [n, 3, H, W] -> int8 logit codes [n, classes]. */
    public byte[] logitCodes(byte[] input, int n) {
        return forwardAll(input, n).get(topology.output());
    }

    /** Softmax of the dequantized logits of one crop of the model's input size. */
    public float[] probabilities(BgrImage crop) {
        byte[] codes = logitCodes(imageCodes(crop), 1);
        ActivationQuant out = act(topology.output());
        double[] z = new double[codes.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            z[i] = out.dequantize(codes[i]);
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (z[i] / sum);
        }
        return p;
    }

    /** A crop as the input codes [1, 3, H, W]: planar BGR, q = pixel - 128 (the exact int8 image). */
    public static byte[] imageCodes(BgrImage crop) {
        byte[] bgr = crop.data();
        int plane = crop.width() * crop.height();
        byte[] q = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                q[c * plane + p] = (byte) ((bgr[p * 3 + c] & 0xff) - 128);
            }
        }
        return q;
    }
}
