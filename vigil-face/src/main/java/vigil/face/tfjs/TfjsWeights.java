package vigil.face.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.io.Json;

/**
 * Reads TF.js "layers/graph" weights: a JSON manifest (a list of groups, each with its binary shard
 * paths and weight entries) and the shards, which concatenated hold every weight in manifest order,
 * little-endian float32 or one byte per value for uint8-quantized entries ({@code q * scale + min}).
 * Every weight is returned dequantized to float32 in its TF shape; sizes are checked both ways (a
 * shard too short or with bytes left over is an error naming the file and tensor).
 */
public final class TfjsWeights {
    private final Path manifest;
    private final Map<String, TfjsWeightSpec> specs;
    private final Map<String, float[]> values;

    private TfjsWeights(Path manifest, Map<String, TfjsWeightSpec> specs, Map<String, float[]> values) {
        this.manifest = manifest;
        this.specs = specs;
        this.values = values;
    }

    /** manifest: e.g. {@code tiny_face_detector_model-weights_manifest.json}; shards resolve beside it. */
    public static TfjsWeights load(Path manifest) throws IOException {
        List<Object> groups = parseGroups(manifest);
        Map<String, TfjsWeightSpec> specs = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Object g : groups) {
            Map<?, ?> group = asMap(g, manifest, "weights group");
            List<TfjsWeightSpec> entries = new ArrayList<>();
            for (Object w : asList(group.get("weights"), manifest, "weights")) {
                entries.add(parseSpec(asMap(w, manifest, "weight entry"), manifest));
            }
            byte[] bytes = readShards(manifest, asList(group.get("paths"), manifest, "paths"));
            int offset = 0;
            for (TfjsWeightSpec spec : entries) {
                int length = spec.byteLength();
                if (offset + length > bytes.length) {
                    throw new TfjsFormatException(manifest + ": tensor '" + spec.name() + "' "
                            + Arrays.toString(spec.shape()) + " needs bytes " + offset + ".." + (offset + length)
                            + " but the weights binary holds " + bytes.length);
                }
                if (specs.put(spec.name(), spec) != null) {
                    throw new TfjsFormatException(manifest + ": tensor '" + spec.name() + "' appears twice");
                }
                values.put(spec.name(), decode(bytes, offset, spec));
                offset += length;
            }
            if (offset != bytes.length) {
                throw new TfjsFormatException(manifest + ": the weights binary holds " + bytes.length
                        + " bytes but the manifest's tensors use " + offset);
            }
        }
        return new TfjsWeights(manifest, Collections.unmodifiableMap(specs), values);
    }

    public Path manifest() {
        return manifest;
    }

    public Map<String, TfjsWeightSpec> specs() {
        return specs;
    }

    /** The dequantized values of one tensor (row-major in its TF shape), checked against the expected shape. */
    public float[] get(String name, int... expectedShape) throws TfjsFormatException {
        TfjsWeightSpec spec = specs.get(name);
        if (spec == null) {
            throw new TfjsFormatException(manifest + ": no tensor '" + name + "' (has " + specs.keySet() + ")");
        }
        if (!Arrays.equals(spec.shape(), expectedShape)) {
            throw new TfjsFormatException(manifest + ": tensor '" + name + "' has shape "
                    + Arrays.toString(spec.shape()) + ", expected " + Arrays.toString(expectedShape));
        }
        return values.get(name);
    }

    /** The shape of a tensor, or an error naming it when absent. */
    public int[] shape(String name) throws TfjsFormatException {
        TfjsWeightSpec spec = specs.get(name);
        if (spec == null) {
            throw new TfjsFormatException(manifest + ": no tensor '" + name + "'");
        }
        return spec.shape().clone();
    }

    static float[] decode(byte[] bytes, int offset, TfjsWeightSpec spec) {
        float[] out = new float[spec.numel()];
        if ("uint8".equals(spec.storedDtype())) {
            // TF.js evaluates q * scale + min in doubles and stores it in a Float32Array: same rounding here.
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) ((bytes[offset + i] & 0xff) * spec.scale() + spec.min());
            }
        } else {
            ByteBuffer.wrap(bytes, offset, out.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        }
        return out;
    }

    private static List<Object> parseGroups(Path manifest) throws IOException {
        Object root;
        try {
            root = Json.parse(Files.readString(manifest));
        } catch (RuntimeException e) {
            throw new TfjsFormatException(manifest + ": not valid JSON: " + e.getMessage());
        }
        if (root instanceof Map<?, ?> m && m.containsKey("weightsManifest")) {
            root = m.get("weightsManifest");
        }
        return asList(root, manifest, "manifest root");
    }

    private static TfjsWeightSpec parseSpec(Map<?, ?> w, Path manifest) throws TfjsFormatException {
        Object nameValue = w.get("name");
        if (!(nameValue instanceof String name)) {
            throw new TfjsFormatException(manifest + ": weight entry without a name: " + w);
        }
        List<Object> dims = asList(w.get("shape"), manifest, "shape of '" + name + "'");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new TfjsFormatException(manifest + ": tensor '" + name + "' has a bad shape " + dims);
            }
            shape[i] = (int) (long) d;
        }
        Object dtype = w.get("dtype");
        if (!"float32".equals(dtype)) {
            throw new TfjsFormatException(manifest + ": tensor '" + name + "' has dtype " + dtype
                    + "; only float32 (optionally uint8-quantized) is supported");
        }
        Object q = w.get("quantization");
        if (q == null) {
            return new TfjsWeightSpec(name, shape, "float32", 1, 0);
        }
        Map<?, ?> quant = asMap(q, manifest, "quantization of '" + name + "'");
        if (!"uint8".equals(quant.get("dtype"))) {
            throw new TfjsFormatException(manifest + ": tensor '" + name + "' is quantized as "
                    + quant.get("dtype") + "; only uint8 is supported");
        }
        if (!(quant.get("scale") instanceof Number scale) || !(quant.get("min") instanceof Number min)) {
            throw new TfjsFormatException(manifest + ": tensor '" + name + "' lacks quantization scale or min");
        }
        return new TfjsWeightSpec(name, shape, "uint8", scale.doubleValue(), min.doubleValue());
    }

    private static byte[] readShards(Path manifest, List<Object> paths) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Object p : paths) {
            if (!(p instanceof String s)) {
                throw new TfjsFormatException(manifest + ": shard path is not a string: " + p);
            }
            Path shard = manifest.resolveSibling(s);
            if (!Files.isRegularFile(shard)) {
                throw new TfjsFormatException(manifest + ": weights shard " + shard + " not found");
            }
            byte[] b = Files.readAllBytes(shard);
            parts.add(b);
            total += b.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    private static Map<?, ?> asMap(Object o, Path manifest, String what) throws TfjsFormatException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new TfjsFormatException(manifest + ": " + what + " is not a JSON object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o, Path manifest, String what) throws TfjsFormatException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new TfjsFormatException(manifest + ": " + what + " is not a JSON array");
    }
}
