package vigil.liveness.int8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetVariant;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * The int8 MiniFASNet file: safetensors with int8 weights, int32 biases, per-channel float scales, and
 * per-point activation scales / zero points; the architecture in the metadata (layout in
 * /tmp/calib-contract.md, format "vigil-int8-minifasnet/1"). Loading rebuilds the topology from the
 * metadata and requires every tensor it names with the right type and size, so a truncated, corrupt or
 * foreign file is refused with the file and the missing or wrong entry in the message.
 */
public final class Int8ModelFile {
    public static final String FORMAT = "vigil-int8-minifasnet/1";
    public static final String SUFFIX = ".int8.safetensors";

    private Int8ModelFile() {
    }

    public static void write(Path file, Int8MiniFasNet model) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<String> points = new ArrayList<>();
        points.add(FloatGraph.INPUT);
        for (GraphNode node : model.topology().nodes()) {
            points.add(node.name());
            QuantizedLayer q = model.layers().get(node.name());
            if (q == null) {
                continue;
            }
            int[] shape = switch (node) {
                case GraphNode.Conv c -> c.weightShape();
                case GraphNode.Linear l -> new int[] {l.out(), l.in()};
                default -> throw new IllegalStateException("weights on a " + node.getClass().getSimpleName() + " node");
            };
            String n = node.name();
            tensors.put(n + ".weight", Tensor.ofBytes(q.weight(), shape));
            tensors.put(n + ".weight_scale", Tensor.of(q.weightScale(), q.outChannels()));
            if (q.bias() != null) {
                tensors.put(n + ".bias", Tensor.ofInts(q.bias(), q.outChannels()));
            }
            if (q.alphaCode() != null) {
                tensors.put(n + ".alpha", Tensor.ofBytes(q.alphaCode(), q.outChannels()));
                tensors.put(n + ".alpha_scale", Tensor.of(q.alphaScale(), q.outChannels()));
            }
        }
        for (String p : points) {
            ActivationQuant a = model.activations().get(p);
            tensors.put("act." + p + ".scale", Tensor.of(new float[] {a.scale()}, 1));
            tensors.put("act." + p + ".zero_point", Tensor.ofInts(new int[] {a.zeroPoint()}, 1));
        }
        Int8ModelInfo info = model.info();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("variant", info.variant().referenceName());
        meta.put("input_height", Integer.toString(info.inputHeight()));
        meta.put("input_width", Integer.toString(info.inputWidth()));
        meta.put("classes", Integer.toString(info.classes()));
        meta.put("embedding", Integer.toString(info.embedding()));
        meta.put("crop_scale", info.cropScaleText());
        meta.put("calibration", info.calibration());
        meta.put("source", info.source());
        meta.put("points", Json.write(points));
        SafeTensors.write(file, tensors, meta);
    }

    public static Int8MiniFasNet read(Path file) throws IOException {
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, String> meta = st.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + ": not an int8 MiniFASNet file (format " + meta.get("format") + ", expected "
                    + FORMAT + ")");
        }
        Int8ModelInfo info;
        try {
            String scale = required(meta, "crop_scale", file);
            info = new Int8ModelInfo(MiniFasNetVariant.fromReferenceName(required(meta, "variant", file)),
                    Integer.parseInt(required(meta, "input_height", file)),
                    Integer.parseInt(required(meta, "input_width", file)),
                    Integer.parseInt(required(meta, "classes", file)),
                    Integer.parseInt(required(meta, "embedding", file)),
                    scale.equals("org") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(scale)),
                    meta.getOrDefault("calibration", "unknown"), meta.getOrDefault("source", "unknown"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad metadata: " + e.getMessage(), e);
        }
        // The topology of the named architecture; its random weights are never used.
        MiniFasNet shape = new MiniFasNet(info.variant(), info.inputHeight(), info.inputWidth(), info.classes(),
                info.embedding(), 0f, new Rng(0));
        FloatGraph graph = FloatGraph.of(shape);
        Map<String, Tensor> t = st.tensors();
        Map<String, ActivationQuant> acts = new HashMap<>();
        Map<String, QuantizedLayer> layers = new HashMap<>();
        List<String> points = new ArrayList<>();
        points.add(FloatGraph.INPUT);
        graph.nodes().forEach(n -> points.add(n.name()));
        for (String p : points) {
            float scale = tensor(t, "act." + p + ".scale", DType.FLOAT32, 1, file).data()[0];
            int zero = tensor(t, "act." + p + ".zero_point", DType.INT32, 1, file).ints()[0];
            try {
                acts.put(p, new ActivationQuant(scale, zero));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": activation point '" + p + "': " + e.getMessage(), e);
            }
        }
        for (GraphNode node : graph.nodes()) {
            int out;
            int count;
            boolean hasBias;
            boolean hasAlpha = false;
            switch (node) {
                case GraphNode.Conv c -> {
                    out = c.outChannels();
                    count = c.weight().length;
                    hasBias = true;
                    hasAlpha = c.activation() == GraphNode.Activation.PRELU;
                }
                case GraphNode.Linear l -> {
                    out = l.out();
                    count = l.out() * l.in();
                    hasBias = l.bias() != null;
                }
                default -> {
                    continue;
                }
            }
            String n = node.name();
            byte[] w = tensor(t, n + ".weight", DType.INT8, count, file).bytes();
            float[] ws = tensor(t, n + ".weight_scale", DType.FLOAT32, out, file).data();
            int[] b = hasBias ? tensor(t, n + ".bias", DType.INT32, out, file).ints() : null;
            byte[] ac = hasAlpha ? tensor(t, n + ".alpha", DType.INT8, out, file).bytes() : null;
            float[] as = hasAlpha ? tensor(t, n + ".alpha_scale", DType.FLOAT32, out, file).data() : null;
            for (float s : ws) {
                if (!(s > 0) || !Float.isFinite(s)) {
                    throw new IOException(file + ": layer '" + n + "' has a weight scale " + s + " (need positive, finite)");
                }
            }
            layers.put(n, new QuantizedLayer(w, ws, b, ac, as));
        }
        try {
            return new Int8MiniFasNet(info, graph, layers, acts);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> meta, String key, Path file) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(file + ": metadata lacks '" + key + "'");
        }
        return v;
    }

    private static Tensor tensor(Map<String, Tensor> t, String name, DType dtype, int count, Path file)
            throws IOException {
        Tensor x = t.get(name);
        if (x == null) {
            throw new IOException(file + ": missing tensor '" + name + "' (incomplete int8 model file?)");
        }
        if (x.dtype() != dtype || x.numel() != count) {
            throw new IOException(file + ": tensor '" + name + "' is " + x.dtype() + " with " + x.numel()
                    + " elements, expected " + dtype + " with " + count);
        }
        return x;
    }
}
