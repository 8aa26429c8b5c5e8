package vigil.cli.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.liveness.train.YamlSubset;

/**
 * Command-line edits of a config tree: {@code --set data.crop_scale=4.0} replaces (or adds) one value by its
 * dotted path, typed as a YAML plain scalar would be. Used for sweeps (the crop-policy experiment) without
 * copying config files.
 */
final class ConfigOverrides {
    private ConfigOverrides() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> tree, List<String> assignments) {
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + a + ": expected KEY.PATH=VALUE");
            }
            String[] path = a.substring(0, eq).split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < path.length - 1; i++) {
                Object child = node.get(path[i]);
                if (child == null) {
                    child = new LinkedHashMap<String, Object>();
                    node.put(path[i], child);
                }
                if (!(child instanceof Map)) {
                    throw new IllegalArgumentException("--set " + a + ": " + path[i] + " is not a section");
                }
                node = (Map<String, Object>) child;
            }
            node.put(path[path.length - 1], YamlSubset.typed(a.substring(eq + 1).strip()));
        }
    }
}
