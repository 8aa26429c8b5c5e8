package vigil.io.pth;

import java.util.List;
import java.util.Map;

/**
 * The callables a plain state_dict pickle may name (besides the {@code torch.*Storage} types, which
 * may only appear inside persistent ids). Calling one builds inert data; nothing is ever executed,
 * and any other global is refused by the unpickler.
 */
enum AllowedGlobal {
    /** {@code OrderedDict()}: the state_dict itself and the (empty) backward-hook dicts. */
    ORDERED_DICT("collections", "OrderedDict"),
    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
    /** {@code _rebuild_tensor(storage, offset, size, stride)}: files from PyTorch before 1.0. */
    REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
    /** {@code _rebuild_parameter(data, requires_grad, hooks)}: a saved nn.Parameter. */
    REBUILD_PARAMETER("torch._utils", "_rebuild_parameter");

    final String module;
    final String name;

    AllowedGlobal(String module, String name) {
        this.module = module;
        this.name = name;
    }

    static AllowedGlobal forGlobal(String module, String name) {
        for (AllowedGlobal g : values()) {
            if (g.module.equals(module) && g.name.equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** Every global the unpickler accepts, for error messages. */
    static String allowedList() {
        StringBuilder sb = new StringBuilder();
        for (AllowedGlobal g : values()) {
            sb.append(g).append(", ");
        }
        return sb.append("torch.{").append(String.join(",", storageNames())).append("}").toString();
    }

    private static List<String> storageNames() {
        return java.util.Arrays.stream(StorageType.values()).map(StorageType::className).toList();
    }

    /** Applies this callable to pickled arguments; throws IllegalArgumentException on a bad argument. */
    Object call(PickleTuple args) {
        return switch (this) {
            case ORDERED_DICT -> {
                arity(args, 0, 0);
                yield new PickledOrderedDict();
            }
            case REBUILD_TENSOR_V2 -> {
                arity(args, 6, 7);
                requireBoolean(args.get(4), "requires_grad");
                requireEmpty(args.get(5), "backward hooks");
                if (args.size() == 7) {
                    requireEmpty(args.get(6), "tensor metadata");
                }
                yield PickledTensor.of(args.get(0), args.get(1), args.get(2), args.get(3));
            }
            case REBUILD_TENSOR -> {
                arity(args, 4, 4);
                yield PickledTensor.of(args.get(0), args.get(1), args.get(2), args.get(3));
            }
            case REBUILD_PARAMETER -> {
                arity(args, 3, 3);
                if (!(args.get(0) instanceof PickledTensor data)) {
                    throw new IllegalArgumentException(this + " got " + PickleValues.describe(args.get(0))
                            + " where a tensor belongs");
                }
                requireBoolean(args.get(1), "requires_grad");
                requireEmpty(args.get(2), "backward hooks");
                yield data;
            }
        };
    }

    private void arity(PickleTuple args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(this + " called with " + args.size() + " arguments, expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    private void requireBoolean(Object v, String what) {
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(this + ": " + what + " is " + PickleValues.describe(v) + ", not a bool");
        }
    }

    /** Hooks and metadata carry callables or tensor-subclass state; a plain state_dict has none. */
    private void requireEmpty(Object v, String what) {
        if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty())) {
            throw new IllegalArgumentException(this + ": " + what + " " + PickleValues.describe(v)
                    + " is not empty; only plain tensors are supported");
        }
    }

    @Override
    public String toString() {
        return module + "." + name;
    }
}
