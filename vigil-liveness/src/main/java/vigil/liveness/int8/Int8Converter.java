package vigil.liveness.int8;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import vigil.liveness.passive.MiniFasNet;
import vigil.quant.int8.Int8Logistic;

/**
 * Float MiniFASNet + activation ranges -> int8 MiniFASNet, by the rules of /tmp/calib-contract.md:
 * batch norm folded (the {@link FloatGraph}), weights int8 symmetric per output channel, biases int32 at
 * S_in S_w, activations int8 asymmetric per tensor from the ranges (calibrated or from QAT), the pool
 * keeping its input's parameters and the sigmoid TFLite's fixed 1/256, -128.
 */
public final class Int8Converter {
    private Int8Converter() {
    }

    public static Int8MiniFasNet convert(MiniFasNet model, OptionalDouble cropScale, ActivationRanges ranges,
                                         String source) {
        FloatGraph graph = FloatGraph.of(model);
        Map<String, ActivationQuant> acts = new HashMap<>();
        acts.put(FloatGraph.INPUT, ActivationQuant.IMAGE);
        Map<String, QuantizedLayer> layers = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            ActivationQuant a = switch (node) {
                case GraphNode.GlobalPool p -> acts.get(p.input());
                case GraphNode.Sigmoid s -> new ActivationQuant(Int8Logistic.OUTPUT_SCALE, Int8Logistic.OUTPUT_ZERO_POINT);
                default -> {
                    float[] r;
                    try {
                        r = ranges.range(node.name());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
                    }
                    yield ActivationQuant.fromRange(r[0], r[1]);
                }
            };
            acts.put(node.name(), a);
            switch (node) {
                case GraphNode.Conv c -> layers.put(c.name(), QuantizedLayer.quantize(c.weight(), c.outChannels(),
                        c.bias(), acts.get(c.input()).scale(),
                        c.activation() == GraphNode.Activation.PRELU ? c.alpha() : null));
                case GraphNode.Linear l -> layers.put(l.name(), QuantizedLayer.quantize(l.weight(), l.out(), l.bias(),
                        acts.get(l.input()).scale(), null));
                default -> {
                }
            }
        }
        Int8ModelInfo info = new Int8ModelInfo(model.variant(), model.inputHeight(), model.inputWidth(),
                model.numClasses(), model.embedding(), cropScale, ranges.method(), source);
        return new Int8MiniFasNet(info, graph, layers, acts);
    }
}
