package vigil.liveness.int8;

/**
 * One operation of MiniFASNet's inference graph, as the int8 converter sees it: each node reads named
 * activation points and writes the point named {@link #name()} (the names of /tmp/calib-contract.md, e.g.
 * "conv_23.conv_dw"). Shapes are per batch item, [channels, height, width]; a flat vector is [c, 1, 1].
 */
public sealed interface GraphNode {
    String name();

    /** The activation after a convolution or linear layer (batch norm already folded in). */
    enum Activation { NONE, RELU, PRELU }

    /**
     * A convolution with batch norm folded in: weight [out, in / groups, kh, kw], bias [out]; groups is 1
     * or depthwise (groups == in == out); alpha holds the PReLU slopes per channel (PRELU only, else null).
     */
    record Conv(String name, String input, float[] weight, int[] weightShape, float[] bias, int stride, int padding,
                boolean depthwise, Activation activation, float[] alpha) implements GraphNode {
        public int outChannels() {
            return weightShape[0];
        }

        public int kernel() {
            return weightShape[2];
        }
    }

    /** A fully connected layer on the flattened input: weight [out, in], bias [out] or null. */
    record Linear(String name, String input, float[] weight, int out, int in, float[] bias) implements GraphNode {
    }

    /** A residual add of two points of the same shape. */
    record Add(String name, String a, String b) implements GraphNode {
    }

    /** Global average pool: [c, h, w] -> [c, 1, 1]. Its point shares its input's scale and zero point. */
    record GlobalPool(String name, String input) implements GraphNode {
    }

    /** Sigmoid; its int8 point has the fixed scale 1/256, zero point -128. */
    record Sigmoid(String name, String input) implements GraphNode {
    }

    /** map [c, h, w] times a per-channel gate [c, 1, 1] (squeeze-excitation's output). */
    record ChannelMul(String name, String map, String gate) implements GraphNode {
    }
}
