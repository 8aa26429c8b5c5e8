package vigil.liveness.qat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.liveness.passive.MiniFasNet;
import vigil.quant.qat.ActivationFakeQuant;
import vigil.quant.qat.FoldedConvBn;
import vigil.quant.qat.QatSchedule;
import vigil.quant.qat.WeightFakeQuant;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.PReLU;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.MatMul;

/**
 * A MiniFASNet in its quantization-aware-training form: every conv + batch norm folded
 * ({@link FoldedConvBn}, weights fake-quantized per output channel), and an activation fake-quant point
 * after each activation, at each block output and after each residual add, named as the int8 converter's
 * activation points (module paths: conv1, conv_23.conv, conv_3.model.0.project, conv_3.model.0, ...,
 * conv_6_dw, bn, prob; the input on the fixed [0, 255] grid). The head's linear + BatchNorm1d fold like a
 * 1x1 conv; prob's weights are fake-quantized per class, and its range is observed on dropout-free logits.
 *
 * <p>The wrapper shares the float model's tensors: training it trains the model, whose state dict
 * (batch norms unfolded) is then the QAT result. Train / eval switch both. The block structure is read
 * from the model's children by their reference names. x: [N, 3, H, W] BGR 0..255 -> logits [N, classes].
 */
public final class QatMiniFasNet extends Module implements Layer {
    /** The sigmoid gate's fixed grid in the int8 model: scale 1/256, codes 0..255 (int8 zero point -128). */
    static final float GATE_MAX = 255f / 256f;

    private final MiniFasNet model;
    private final QatSchedule schedule;
    private final List<Layer> stages = new ArrayList<>();
    private final Map<String, ActivationFakeQuant> points = new LinkedHashMap<>();

    private QatMiniFasNet(MiniFasNet model, QatSchedule schedule) {
        this.model = model;
        this.schedule = schedule;
    }

    /** Wraps model (pretrained, any mode) for QAT under schedule; the model must have embedding < 512. */
    public static QatMiniFasNet wrap(MiniFasNet model, QatSchedule schedule) {
        if (model.embedding() == 512) {
            throw new IllegalArgumentException(model.describe() + ": embedding 512 skips the linear layer, so its "
                    + "BatchNorm1d has no layer to fold into; QAT supports embedding < 512");
        }
        QatMiniFasNet q = new QatMiniFasNet(model, schedule);
        q.build();
        q.train(model.isTraining());
        return q;
    }

    private void build() {
        ActivationFakeQuant input = point(ActivationFakeQuant.fixed("input", schedule, 0f, 255f));
        stages.add(input);
        Map<String, Module> top = model.children();
        for (Map.Entry<String, Module> e : top.entrySet()) {
            String name = e.getKey();
            Module m = e.getValue();
            switch (name) {
                case "linear", "drop", "prob" -> {
                }
                case "bn" -> head((Linear) top.get("linear"), (BatchNorm1d) m, (Layer) top.get("drop"),
                        (Linear) top.get("prob"));
                case "conv_6_flatten" -> stages.add((Layer) m);
                default -> stages.add(trunkStage(name, m));
            }
        }
    }

    private Layer trunkStage(String path, Module m) {
        Map<String, Module> c = m.children();
        if (c.containsKey("prelu")) {
            return convBlock(path, m);
        }
        if (c.containsKey("project")) {
            return depthWise(path, m, false);
        }
        if (c.containsKey("model")) {
            List<Layer> blocks = new ArrayList<>();
            for (Map.Entry<String, Module> b : c.get("model").children().entrySet()) {
                blocks.add(depthWise(path + ".model." + b.getKey(), b.getValue(), true));
            }
            return x -> {
                Tensor h = x;
                for (Layer b : blocks) {
                    h = b.forward(h);
                }
                return h;
            };
        }
        if (c.containsKey("conv") && c.containsKey("bn")) {
            return linearBlock(path, m);
        }
        throw new IllegalArgumentException(model.describe() + ": no QAT form for stage " + path + " with children "
                + c.keySet());
    }

    /** Conv_block: conv + bn folded, PReLU, fake quant after the activation. */
    private Layer convBlock(String path, Module m) {
        Map<String, Module> c = m.children();
        FoldedConvBn fold = fold(path, c);
        PReLU prelu = (PReLU) c.get("prelu");
        ActivationFakeQuant out = point(ActivationFakeQuant.observed(path, schedule));
        return x -> out.forward(Activations.prelu(fold.forward(x), prelu.weight()));
    }

    /** Linear_block: conv + bn folded, no activation. */
    private Layer linearBlock(String path, Module m) {
        FoldedConvBn fold = fold(path, m.children());
        ActivationFakeQuant out = point(ActivationFakeQuant.observed(path, schedule));
        return x -> out.forward(fold.forward(x));
    }

    private Layer depthWise(String path, Module m, boolean residual) {
        Map<String, Module> c = m.children();
        Layer expand = convBlock(path + ".conv", c.get("conv"));
        Layer depthwise = convBlock(path + ".conv_dw", c.get("conv_dw"));
        Layer project = linearBlock(path + ".project", c.get("project"));
        ActivationFakeQuant projected = points.get(path + ".project");
        Layer se = c.containsKey("se_module") ? squeezeExcite(path + ".se_module", c.get("se_module"), projected)
                : null;
        ActivationFakeQuant sum = residual ? point(ActivationFakeQuant.observed(path, schedule)) : null;
        return x -> {
            Tensor y = project.forward(depthwise.forward(expand.forward(x)));
            if (se != null) {
                y = se.forward(y);
            }
            return residual ? sum.forward(x.add(y)) : y;
        };
    }

    /**
     * SEModule: global average pool (kept on its input's grid, TFLite's rule for average pooling), fc1+bn1
     * folded, relu, fc2+bn2 folded (point before the sigmoid), sigmoid on the fixed gate grid, input * gate.
     */
    private Layer squeezeExcite(String path, Module m, ActivationFakeQuant inputGrid) {
        Map<String, Module> c = m.children();
        FoldedConvBn fc1 = register(path + ".fc1", FoldedConvBn.conv(path + ".fc1", (Conv2d) c.get("fc1"),
                (BatchNorm2d) c.get("bn1"), schedule));
        FoldedConvBn fc2 = register(path + ".fc2", FoldedConvBn.conv(path + ".fc2", (Conv2d) c.get("fc2"),
                (BatchNorm2d) c.get("bn2"), schedule));
        ActivationFakeQuant afterFc1 = point(ActivationFakeQuant.observed(path + ".fc1", schedule));
        ActivationFakeQuant afterFc2 = point(ActivationFakeQuant.observed(path + ".fc2", schedule));
        ActivationFakeQuant gate = point(ActivationFakeQuant.fixed(path + ".gate", schedule, 0f, GATE_MAX));
        ActivationFakeQuant out = point(ActivationFakeQuant.observed(path, schedule));
        return x -> {
            Tensor pooled = x.mean(3, true).mean(2, true);
            if (schedule.quantizing()) {
                pooled = vigil.tensor.ops.FakeQuantMinMax.perTensor(pooled, inputGrid.min(), inputGrid.max(),
                        ActivationFakeQuant.NUM_BITS, false);
            }
            Tensor h = afterFc1.forward(Activations.relu(fc1.forward(pooled)));
            Tensor g = gate.forward(Activations.sigmoid(afterFc2.forward(fc2.forward(h))));
            return out.forward(x.mul(g));
        };
    }

    /** linear + BatchNorm1d folded (point "bn"), dropout in training, prob with per-class weight fake quant. */
    private void head(Linear linear, BatchNorm1d bn, Layer drop, Linear prob) {
        FoldedConvBn fold = register("bn", FoldedConvBn.linear("bn", linear, bn, schedule));
        ActivationFakeQuant afterBn = point(ActivationFakeQuant.observed("bn", schedule));
        ActivationFakeQuant logits = point(ActivationFakeQuant.observed("prob", schedule));
        registerModule("drop", (Module) drop);
        // The logits' range is observed without dropout, as evaluation (and the int8 model) will see them:
        // dropout's 1 / (1 - p) scaling would otherwise widen it (4x for MiniFASNetV1SE's p = 0.75).
        stages.add(x -> {
            Tensor h = afterBn.forward(fold.forward(x));
            Tensor w = schedule.quantizing() ? WeightFakeQuant.perChannelSymmetric(prob.weight()) : prob.weight();
            if (isTraining()) {
                try (Autograd.NoGrad ignored = Autograd.noGrad()) {
                    logits.observe(MatMul.linear(h, w, null));
                }
            }
            return logits.fakeQuantize(MatMul.linear(drop.forward(h), w, null));
        });
    }

    private FoldedConvBn fold(String path, Map<String, Module> c) {
        return register(path, FoldedConvBn.conv(path, (Conv2d) c.get("conv"), (BatchNorm2d) c.get("bn"), schedule));
    }

    private FoldedConvBn register(String path, FoldedConvBn f) {
        return registerModule("fold:" + path, f);
    }

    private ActivationFakeQuant point(ActivationFakeQuant p) {
        points.put(p.point(), p);
        return registerModule("act:" + p.point(), p);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 3 || x.dim(2) != model.inputHeight() || x.dim(3) != model.inputWidth()) {
            throw new ShapeException("QAT " + model.describe() + ": expected input [N, 3, " + model.inputHeight()
                    + ", " + model.inputWidth() + "], got " + Shape.str(x.shape()));
        }
        Tensor h = x;
        for (Layer s : stages) {
            h = s.forward(h);
        }
        return h;
    }

    @Override
    public Module train(boolean on) {
        model.train(on);
        return super.train(on);
    }

    /** The activation points in execution order, fixed ones (input, SE gates) included. */
    public Map<String, ActivationFakeQuant> points() {
        return Collections.unmodifiableMap(points);
    }

    /** The observed (non-fixed) points' ranges, name -> [min, max], in execution order. */
    public Map<String, float[]> observedRanges() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ActivationFakeQuant p : points.values()) {
            if (!p.isFixed()) {
                if (!p.hasRange()) {
                    throw new IllegalStateException("QAT " + model.describe() + ": activation point " + p.point()
                            + " has no range yet (no training batch seen)");
                }
                out.put(p.point(), new float[] {p.min(), p.max()});
            }
        }
        return out;
    }

    /** The wrapped float model; its tensors are the ones QAT trains. */
    public MiniFasNet floatModel() {
        return model;
    }

    public QatSchedule schedule() {
        return schedule;
    }
}
