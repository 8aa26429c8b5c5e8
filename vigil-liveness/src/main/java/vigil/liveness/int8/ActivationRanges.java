package vigil.liveness.int8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.io.Json;

/**
 * Observed [min, max] per activation point, and how they were observed ("minmax", "percentile:99.99",
 * "qat-ema"). Read from and written as the range file of /tmp/calib-contract.md:
 * {"format": "vigil-activation-ranges/1", "method": ..., "ranges": {"conv1": [min, max], ...}}.
 */
public record ActivationRanges(String method, Map<String, float[]> ranges) {
    public static final String FORMAT = "vigil-activation-ranges/1";

    public ActivationRanges {
        ranges = Map.copyOf(ranges);
    }

    /** The range of a point, or an exception naming it and where the ranges came from. */
    public float[] range(String point) {
        float[] r = ranges.get(point);
        if (r == null) {
            throw new IllegalArgumentException("activation ranges (" + method + ") lack the point '" + point + "'");
        }
        return r.clone();
    }

    public void write(Path file) throws IOException {
        Map<String, Object> rs = new LinkedHashMap<>();
        ranges.keySet().stream().sorted().forEach(k -> rs.put(k, List.of((double) ranges.get(k)[0],
                (double) ranges.get(k)[1])));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("method", method);
        json.put("ranges", rs);
        Files.writeString(file, Json.write(json), StandardCharsets.UTF_8);
    }

    public static ActivationRanges read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a range file's text; where names its origin in error messages. */
    public static ActivationRanges parse(String text, String where) throws IOException {
        String file = where;
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a JSON range file: " + e.getMessage(), e);
        }
        if (json.containsKey("format") && !FORMAT.equals(json.get("format"))) {
            throw new IOException(file + ": format is " + json.get("format") + ", expected " + FORMAT);
        }
        if (!(json.get("ranges") instanceof Map<?, ?> rs)) {
            throw new IOException(file + ": no \"ranges\" object");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : rs.entrySet()) {
            if (!(e.getValue() instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number lo)
                    || !(pair.get(1) instanceof Number hi) || !(lo.doubleValue() <= hi.doubleValue())) {
                throw new IOException(file + ": range of '" + e.getKey() + "' is not [min, max] with min <= max: "
                        + e.getValue());
            }
            out.put((String) e.getKey(), new float[] {lo.floatValue(), hi.floatValue()});
        }
        Object method = json.get("method");
        return new ActivationRanges(method == null ? "unknown" : method.toString(), out);
    }
}
