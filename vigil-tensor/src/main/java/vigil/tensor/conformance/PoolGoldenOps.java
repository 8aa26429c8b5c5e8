package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Bilinear;
import vigil.tensor.ops.Pooling;

/** Golden adapters for pooling and bilinear interpolation. */
final class PoolGoldenOps {
    private PoolGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        ops.put("max_pool2d", (in, a) -> {
            int[] kernel = requiredPair(a, "kernel_size");
            return Map.of("y", Pooling.maxPool2d(x(in, a), kernel, strideOrKernel(a, kernel), a.getPair("padding", 0),
                    a.getBool("ceil_mode", false)));
        });
        ops.put("avg_pool2d", (in, a) -> {
            int[] kernel = requiredPair(a, "kernel_size");
            return Map.of("y", Pooling.avgPool2d(x(in, a), kernel, strideOrKernel(a, kernel), a.getPair("padding", 0),
                    a.getBool("ceil_mode", false), a.getBool("count_include_pad", true)));
        });
        ops.put("adaptive_avg_pool2d", (in, a) -> Map.of("y",
                Pooling.adaptiveAvgPool2d(x(in, a), requiredPair(a, "output_size"))));
        ops.put("interpolate_bilinear", (in, a) -> {
            int[] size = requiredPair(a, "size");
            return Map.of("y", Bilinear.interpolateBilinear(x(in, a), size[0], size[1],
                    a.getBool("align_corners", false)));
        });
    }

    private static Tensor x(Map<String, Tensor> in, Attrs a) {
        return GoldenOp.input(in, "x", a);
    }

    // PyTorch's stride=None (an absent or null attribute, or an empty list) means the kernel size.
    private static int[] strideOrKernel(Attrs a, int[] kernel) {
        if (!a.has("stride") || a.values().get("stride") instanceof java.util.List<?> l && l.isEmpty()) {
            return kernel;
        }
        return a.getPair("stride", 0);
    }

    private static int[] requiredPair(Attrs a, String key) {
        if (!a.has(key)) {
            throw new IllegalArgumentException("op " + a.op() + ": missing attribute '" + key + "'");
        }
        return a.getPair(key, 0);
    }
}
