package vigil.tensor.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.nn.Module;

/**
 * A model's state dict as a safetensors file, with the model's configuration (JSON) in the
 * metadata under "vigil.config" so a loader can rebuild the architecture before loading weights.
 * Writes are atomic (see {@link SafeTensors#write}).
 */
public final class Checkpoint {
    public static final String CONFIG_KEY = "vigil.config";
    public static final String FORMAT_KEY = "format";

    private Checkpoint() {
    }

    /** Saves module.stateDict() with the config JSON and any extra metadata. */
    public static void save(Path file, Module module, String configJson, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, "pt"); // what Python's safetensors.torch expects to find
        if (configJson != null) {
            meta.put(CONFIG_KEY, configJson);
        }
        if (extra != null) {
            meta.putAll(extra);
        }
        SafeTensors.write(file, module.stateDict(), meta);
    }

    /** Loads a checkpoint strictly into module (names and shapes must match) and returns its metadata. */
    public static Map<String, String> load(Path file, Module module) throws IOException {
        SafeTensorsFile f = SafeTensors.read(file);
        try {
            module.loadStateDict(f.tensors(), true);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return f.metadata();
    }
}
