package vigil.liveness.int8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import vigil.liveness.passive.MiniFasNet;
import vigil.tensor.Tensor;
import vigil.tensor.nn.BatchNorm;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.FusedConvBnAct;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.PReLU;
import vigil.tensor.ops.FusedConv2dOp;

/**
 * MiniFASNet in evaluation as a flat list of {@link GraphNode}s with batch norm folded into every
 * convolution and into the embedding layer: the float model the int8 converter calibrates and quantizes.
 * Built by walking the module tree by its state-dict names (the blocks are recognised by their children:
 * conv + bn (+ prelu) is a conv block, conv + conv_dw + project (+ se_module) a bottleneck, one under
 * "model.i" of a stage being residual). {@link #forward} runs it in float and shows every point to an
 * {@link ActivationObserver}; its logits equal the module's up to float reassociation.
 */
public final class FloatGraph {
    public static final String INPUT = "input";
    private static final Pattern RESIDUAL = Pattern.compile(".*\\.model\\.\\d+");

    /** Sees every activation point of a batch: values [n, c, h, w] flat. */
    public interface ActivationObserver {
        void observe(String point, float[] values);
    }

    private final List<GraphNode> nodes;
    private final Map<String, int[]> shapes;
    private final int inputHeight;
    private final int inputWidth;
    private final String output;

    private FloatGraph(List<GraphNode> nodes, Map<String, int[]> shapes, int inputHeight, int inputWidth,
                       String output) {
        this.nodes = List.copyOf(nodes);
        this.shapes = Map.copyOf(shapes);
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
        this.output = output;
    }

    public static FloatGraph of(MiniFasNet model) {
        Walk w = new Walk(model.inputHeight(), model.inputWidth());
        Map<String, Module> top = model.children();
        String cur = INPUT;
        for (Map.Entry<String, Module> e : top.entrySet()) {
            if (e.getKey().equals("conv_6_flatten")) {
                break;
            }
            cur = w.block(e.getKey(), e.getValue(), cur);
        }
        Linear linear = (Linear) top.get("linear");
        BatchNorm bn = (BatchNorm) top.get("bn");
        Linear prob = (Linear) top.get("prob");
        int features = w.shape(cur)[0];
        if (model.embedding() != features) {
            cur = w.linearWithBn("bn", cur, linear.weight().data(), model.embedding(), features, bn);
        } else {
            float[] identity = new float[features * features];
            for (int i = 0; i < features; i++) {
                identity[i * features + i] = 1f;
            }
            cur = w.linearWithBn("bn", cur, identity, features, features, bn);
        }
        cur = w.add(new GraphNode.Linear("prob", cur, prob.weight().data().clone(), model.numClasses(),
                model.embedding(), prob.bias() == null ? null : prob.bias().data().clone()),
                new int[] {model.numClasses(), 1, 1});
        return new FloatGraph(w.nodes, w.shapes, model.inputHeight(), model.inputWidth(), cur);
    }

    public List<GraphNode> nodes() {
        return nodes;
    }

    /** [c, h, w] of a point (per batch item). */
    public int[] shape(String point) {
        int[] s = shapes.get(point);
        if (s == null) {
            throw new IllegalArgumentException("MiniFASNet graph has no activation point '" + point + "'");
        }
        return s.clone();
    }

    public int inputHeight() {
        return inputHeight;
    }

    public int inputWidth() {
        return inputWidth;
    }

    /** The logits' point ("prob"). */
    public String output() {
        return output;
    }

    /** x: [n, 3, H, W] BGR 0..255 -> logits [n, classes]; every point (the input included) goes to observer. */
    public float[] forward(float[] x, int n, ActivationObserver observer) {
        Map<String, float[]> values = new HashMap<>();
        values.put(INPUT, x);
        if (observer != null) {
            observer.observe(INPUT, x);
        }
        for (GraphNode node : nodes) {
            float[] y = FloatOps.run(node, values, shapes, n);
            values.put(node.name(), y);
            if (observer != null) {
                observer.observe(node.name(), y);
            }
        }
        return values.get(output);
    }

    /** The module-tree walk that builds the node list. */
    private static final class Walk {
        final List<GraphNode> nodes = new ArrayList<>();
        final Map<String, int[]> shapes = new HashMap<>();

        Walk(int h, int w) {
            shapes.put(INPUT, new int[] {3, h, w});
        }

        int[] shape(String point) {
            return shapes.get(point);
        }

        String add(GraphNode node, int[] shape) {
            nodes.add(node);
            shapes.put(node.name(), shape);
            return node.name();
        }

        String block(String name, Module m, String in) {
            Map<String, Module> ch = m.children();
            if (ch.containsKey("conv_dw")) {
                String a = convBlock(name + ".conv", ch.get("conv"), in);
                String b = convBlock(name + ".conv_dw", ch.get("conv_dw"), a);
                String out = convBlock(name + ".project", ch.get("project"), b);
                if (ch.containsKey("se_module")) {
                    out = squeezeExcite(name + ".se_module", ch.get("se_module"), out);
                }
                return RESIDUAL.matcher(name).matches() ? add(new GraphNode.Add(name, in, out), shape(in)) : out;
            }
            if (ch.containsKey("model")) {
                String cur = in;
                for (Map.Entry<String, Module> e : ch.get("model").children().entrySet()) {
                    cur = block(name + ".model." + e.getKey(), e.getValue(), cur);
                }
                return cur;
            }
            if (ch.containsKey("conv") && ch.containsKey("bn")) {
                return convBlock(name, m, in);
            }
            throw new IllegalArgumentException("MiniFASNet graph: module '" + name + "' (" + m.getClass().getSimpleName()
                    + ") with children " + ch.keySet() + " is not a block the int8 converter knows");
        }

        String convBlock(String name, Module m, String in) {
            Map<String, Module> ch = m.children();
            Conv2d conv = (Conv2d) ch.get("conv");
            BatchNorm2d bn = (BatchNorm2d) ch.get("bn");
            PReLU prelu = (PReLU) ch.get("prelu");
            FusedConvBnAct f = prelu != null ? FusedConvBnAct.fold(conv, bn, prelu) : FusedConvBnAct.fold(conv, bn);
            float[] alpha = null;
            int out = conv.weight().dim(0);
            if (prelu != null) {
                float[] slopes = prelu.weight().data();
                alpha = new float[out];
                for (int o = 0; o < out; o++) {
                    alpha[o] = slopes[slopes.length == 1 ? 0 : o];
                }
            }
            return conv(name, in, conv, f, prelu != null ? GraphNode.Activation.PRELU : GraphNode.Activation.NONE,
                    alpha);
        }

        String conv(String name, String in, Conv2d conv, FusedConvBnAct f, GraphNode.Activation act, float[] alpha) {
            int[] s = conv.stride();
            int[] p = conv.padding();
            int[] ws = conv.weight().shape();
            int[] inShape = shape(in);
            boolean depthwise = conv.groups() > 1;
            if (s[0] != s[1] || p[0] != p[1] || ws[2] != ws[3] || conv.dilation()[0] != 1 || conv.dilation()[1] != 1
                    || (depthwise && (conv.groups() != ws[0] || conv.groups() != inShape[0] || ws[1] != 1))) {
                throw new IllegalArgumentException("MiniFASNet graph: convolution '" + name + "' (weight "
                        + java.util.Arrays.toString(ws) + ", groups " + conv.groups() + ", stride "
                        + java.util.Arrays.toString(s) + ") is not a square one-group or depthwise convolution");
            }
            int ho = (inShape[1] + 2 * p[0] - ws[2]) / s[0] + 1;
            int wo = (inShape[2] + 2 * p[1] - ws[3]) / s[1] + 1;
            return add(new GraphNode.Conv(name, in, f.weight().data().clone(), ws.clone(), f.bias(), s[0], p[0],
                    depthwise, act, alpha), new int[] {ws[0], ho, wo});
        }

        String squeezeExcite(String name, Module se, String in) {
            Map<String, Module> ch = se.children();
            int[] s = shape(in);
            String pool = add(new GraphNode.GlobalPool(name + ".pool", in), new int[] {s[0], 1, 1});
            Conv2d fc1 = (Conv2d) ch.get("fc1");
            Conv2d fc2 = (Conv2d) ch.get("fc2");
            String h = conv(name + ".fc1", pool, fc1, FusedConvBnAct.foldWithRelu(fc1, (BatchNorm2d) ch.get("bn1")),
                    GraphNode.Activation.RELU, null);
            String g = conv(name + ".fc2", h, fc2, FusedConvBnAct.fold(fc2, (BatchNorm2d) ch.get("bn2")),
                    GraphNode.Activation.NONE, null);
            String gate = add(new GraphNode.Sigmoid(name + ".gate", g), shape(g));
            return add(new GraphNode.ChannelMul(name, in, gate), s);
        }

        // linear (no bias) then BatchNorm1d in evaluation, folded: w'[o] = w[o] gamma / sqrt(var + eps)
        String linearWithBn(String name, String in, float[] w, int out, int features, BatchNorm bn) {
            float[] mean = bn.runningMean().data();
            float[] var = bn.runningVar().data();
            float[] gamma = bn.weight() == null ? null : bn.weight().data();
            float[] beta = bn.bias() == null ? null : bn.bias().data();
            float[] folded = new float[out * features];
            float[] bias = new float[out];
            for (int o = 0; o < out; o++) {
                double scale = (gamma == null ? 1.0 : gamma[o]) / Math.sqrt(var[o] + bn.eps());
                for (int k = 0; k < features; k++) {
                    folded[o * features + k] = (float) (w[o * features + k] * scale);
                }
                bias[o] = (float) ((beta == null ? 0.0 : beta[o]) - mean[o] * scale);
            }
            return add(new GraphNode.Linear(name, in, folded, out, features, bias), new int[] {out, 1, 1});
        }
    }

    /** Float execution of one node over a batch. */
    private static final class FloatOps {
        private FloatOps() {
        }

        static float[] run(GraphNode node, Map<String, float[]> values, Map<String, int[]> shapes, int n) {
            return switch (node) {
                case GraphNode.Conv c -> {
                    int[] s = shapes.get(c.input());
                    Tensor x = Tensor.of(values.get(c.input()), n, s[0], s[1], s[2]);
                    FusedConv2dOp.Activation act = switch (c.activation()) {
                        case NONE -> FusedConv2dOp.Activation.IDENTITY;
                        case RELU -> FusedConv2dOp.Activation.RELU;
                        case PRELU -> FusedConv2dOp.Activation.PRELU;
                    };
                    yield FusedConv2dOp.forward(x, Tensor.of(c.weight(), c.weightShape()), c.bias(),
                            new int[] {c.stride(), c.stride()}, new int[] {c.padding(), c.padding()},
                            new int[] {1, 1}, c.depthwise() ? c.outChannels() : 1, act, c.alpha()).data();
                }
                case GraphNode.Linear l -> {
                    float[] x = values.get(l.input());
                    float[] y = new float[n * l.out()];
                    for (int b = 0; b < n; b++) {
                        for (int o = 0; o < l.out(); o++) {
                            double acc = l.bias() == null ? 0 : l.bias()[o];
                            for (int k = 0; k < l.in(); k++) {
                                acc += (double) l.weight()[o * l.in() + k] * x[b * l.in() + k];
                            }
                            y[b * l.out() + o] = (float) acc;
                        }
                    }
                    yield y;
                }
                case GraphNode.Add a -> {
                    float[] x = values.get(a.a());
                    float[] z = values.get(a.b());
                    float[] y = new float[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = x[i] + z[i];
                    }
                    yield y;
                }
                case GraphNode.GlobalPool p -> {
                    int[] s = shapes.get(p.input());
                    int hw = s[1] * s[2];
                    float[] x = values.get(p.input());
                    float[] y = new float[n * s[0]];
                    for (int plane = 0; plane < y.length; plane++) {
                        double acc = 0;
                        for (int i = plane * hw; i < (plane + 1) * hw; i++) {
                            acc += x[i];
                        }
                        y[plane] = (float) (acc / hw);
                    }
                    yield y;
                }
                case GraphNode.Sigmoid sg -> {
                    float[] x = values.get(sg.input());
                    float[] y = new float[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                    }
                    yield y;
                }
                case GraphNode.ChannelMul m -> {
                    int[] s = shapes.get(m.map());
                    int hw = s[1] * s[2];
                    float[] x = values.get(m.map());
                    float[] g = values.get(m.gate());
                    float[] y = new float[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = x[i] * g[i / hw];
                    }
                    yield y;
                }
            };
        }
    }
}
