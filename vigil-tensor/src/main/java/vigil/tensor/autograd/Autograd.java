package vigil.tensor.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.Tensor;

/**
 * The tape: ops record a {@link GradNode} on their outputs; {@link #backward} sorts the nodes
 * topologically from the root and runs each rule once, after all uses of its outputs have
 * accumulated their gradient.
 */
public final class Autograd {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {
    }

    /** A scope in which ops record nothing (inference, optimizer updates, gradient rules). */
    public static NoGrad noGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        return new NoGrad();
    }

    public static boolean isGradEnabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** Closes a {@link #noGrad()} scope. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                NO_GRAD_DEPTH.get()[0]--;
            }
        }
    }

    /** True when an op over these inputs must be recorded. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!isGradEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** Records an op with several outputs if any input requires a gradient. */
    public static void record(String op, Tensor[] inputs, Tensor[] outputs, Backward backward) {
        if (!needsGrad(inputs)) {
            return;
        }
        GradNode node = new GradNode(op, inputs.clone(), outputs.clone(), backward);
        for (Tensor out : outputs) {
            out.attachGradNode(node);
        }
    }

    /** Records a single-output op; the rule receives d loss / d output. */
    public static Tensor record(String op, Tensor output, SingleBackward backward, Tensor... inputs) {
        record(op, inputs, new Tensor[] {output}, grads -> backward.apply(grads[0]));
        return output;
    }

    /** Gradient rule of a single-output op. */
    @FunctionalInterface
    public interface SingleBackward {
        void apply(float[] gradOutput);
    }

    /** Accumulates g into t if t takes a gradient. */
    public static void accumulate(Tensor t, float[] g) {
        if (t != null && t.requiresGrad()) {
            t.accumulateGrad(g);
        }
    }

    /** {@link #accumulate} for a fresh gradient array the caller hands over (see Tensor#accumulateGradOwned). */
    public static void accumulateOwned(Tensor t, float[] g) {
        if (t != null && t.requiresGrad()) {
            t.accumulateGradOwned(g);
        }
    }

    /** Runs the tape backward from root, whose upstream gradient is seed. */
    public static void backward(Tensor root, float[] seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward() on a tensor that does not require grad: " + root);
        }
        List<GradNode> order = topologicalOrder(root);
        root.accumulateGrad(seed);
        try (NoGrad ignored = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                GradNode node = order.get(i);
                Tensor[] outs = node.outputs();
                float[][] grads = new float[outs.length][];
                boolean any = false;
                for (int k = 0; k < outs.length; k++) {
                    grads[k] = outs[k].gradArray();
                    any |= grads[k] != null;
                }
                if (!any) {
                    continue;
                }
                for (int k = 0; k < outs.length; k++) {
                    if (grads[k] == null) {
                        grads[k] = new float[outs[k].numel()];
                    }
                }
                try {
                    node.backward().apply(grads);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("backward of op '" + node.op() + "' failed: " + e.getMessage(), e);
                }
                for (Tensor out : outs) {
                    out.releaseGrad();
                }
            }
        }
    }

    /** Nodes in an order where every node comes after the nodes that produced its inputs. */
    private static List<GradNode> topologicalOrder(Tensor root) {
        List<GradNode> order = new ArrayList<>();
        if (root.gradNode() == null) {
            return order;
        }
        Map<GradNode, Boolean> visited = new IdentityHashMap<>();
        // Iterative post-order DFS: long chains (unrolled loops) must not overflow the stack.
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root.gradNode(), 0});
        visited.put(root.gradNode(), Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            GradNode node = (GradNode) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                GradNode child = in == null ? null : in.gradNode();
                if (child != null && visited.put(child, Boolean.TRUE) == null) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                for (Tensor out : node.outputs()) {
                    out.requireOpenGraph(); // before any rule runs: a closed step's graph fails whole
                }
                order.add(node);
            }
        }
        return order;
    }
}
