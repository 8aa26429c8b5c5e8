package vigil.liveness.qat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.liveness.passive.MiniFasNet;
import vigil.tensor.io.SafeTensors;

/**
 * Writes a QAT result as the int8 converter reads it (/tmp/qat-contract.md, calib-contract.md):
 * OUT.safetensors, the float MiniFASNet state dict under the .pth's names (batch norms unfolded), with
 * metadata format "vigil-qat-minifasnet/1", variant, input size, classes, embedding, source, steps and
 * the ranges; and OUT.ranges.json, {"format": "vigil-activation-ranges/1", "method": "qat-ema",
 * "ranges": {point: [min, max], ...}} for the observed points, in execution order.
 */
public final class QatExport {
    public static final String FORMAT = "vigil-qat-minifasnet/1";
    public static final String RANGES_FORMAT = "vigil-activation-ranges/1";

    private QatExport() {
    }

    /** The two files' paths for an output stem (a trailing .safetensors is dropped). */
    public record Exported(Path weights, Path ranges) {
    }

    public static Exported paths(Path out) {
        String stem = out.getFileName().toString().replaceFirst("\\.safetensors$", "");
        return new Exported(out.resolveSibling(stem + ".safetensors"), out.resolveSibling(stem + ".ranges.json"));
    }

    public static Exported write(Path out, QatMiniFasNet qat, String source, int steps) throws IOException {
        Exported p = paths(out);
        String ranges = rangesJson(qat.observedRanges());
        MiniFasNet m = qat.floatModel();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("variant", m.variant().referenceName());
        meta.put("input_height", Integer.toString(m.inputHeight()));
        meta.put("input_width", Integer.toString(m.inputWidth()));
        meta.put("classes", Integer.toString(m.numClasses()));
        meta.put("embedding", Integer.toString(m.embedding()));
        meta.put("source", source);
        meta.put("steps", Integer.toString(steps));
        meta.put("ranges", ranges);
        if (p.weights().getParent() != null) {
            Files.createDirectories(p.weights().getParent());
        }
        SafeTensors.write(p.weights(), m.stateDict(), meta);
        Files.writeString(p.ranges(), ranges + "\n", StandardCharsets.UTF_8);
        return p;
    }

    /** The range file's JSON text. */
    public static String rangesJson(Map<String, float[]> ranges) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"format\": \"").append(RANGES_FORMAT).append("\", \"method\": \"qat-ema\", \"ranges\": {");
        boolean first = true;
        for (Map.Entry<String, float[]> e : ranges.entrySet()) {
            float[] r = e.getValue();
            if (!Float.isFinite(r[0]) || !Float.isFinite(r[1]) || r[0] > r[1]) {
                throw new IllegalStateException("activation point " + e.getKey() + ": bad range [" + r[0] + ", "
                        + r[1] + "]");
            }
            sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": [").append(r[0]).append(", ")
                    .append(r[1]).append(']');
            first = false;
        }
        return sb.append("}}").toString();
    }
}
