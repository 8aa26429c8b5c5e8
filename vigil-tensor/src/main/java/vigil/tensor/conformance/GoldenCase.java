package vigil.tensor.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/** One golden case (see shared/goldens/FORMAT.md), split into inputs, outputs, seeds and gradients. */
public record GoldenCase(Path file, String op, Attrs attrs, double atol, double rtol,
                         Map<String, Tensor> inputs, Map<String, Tensor> outputs,
                         Map<String, Tensor> seeds, Map<String, Tensor> grads) {

    public String name() {
        String f = file.getFileName().toString();
        return f.endsWith(".safetensors") ? f.substring(0, f.length() - ".safetensors".length()) : f;
    }

    public static GoldenCase load(Path file) throws IOException {
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, String> meta = st.metadata();
        String op = meta.get("op");
        if (op == null) {
            throw new IOException(file + ": no 'op' in __metadata__");
        }
        Map<String, Object> attrs;
        try {
            attrs = meta.containsKey("attrs") ? Json.parseObject(meta.get("attrs")) : Map.of();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": attrs is not a JSON object: " + e.getMessage());
        }
        double atol = parseTolerance(file, meta, "atol");
        double rtol = parseTolerance(file, meta, "rtol");
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        Map<String, Tensor> seeds = new LinkedHashMap<>();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : st.tensors().entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String kind = dot < 0 ? key : key.substring(0, dot);
            String name = key.substring(dot + 1);
            Map<String, Tensor> target = switch (kind) {
                case "input" -> inputs;
                case "output" -> outputs;
                case "seed" -> seeds;
                case "grad" -> grads;
                default -> throw new IOException(file + ": tensor '" + key + "' is not input./output./seed./grad.");
            };
            target.put(name, e.getValue());
        }
        return new GoldenCase(file, op, new Attrs(op, attrs), atol, rtol, inputs, outputs, seeds, grads);
    }

    private static double parseTolerance(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(file + ": no '" + key + "' in __metadata__");
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " '" + v + "' is not a number");
        }
    }
}
