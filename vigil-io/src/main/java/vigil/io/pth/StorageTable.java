package vigil.io.pth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The storages a pickle refers to, by key, in first-use order. Serves as the unpickler's persistent
 * loader, and refuses a key that comes back with a different type or size (the data could then be
 * read two ways).
 */
final class StorageTable {
    private final Map<String, StorageRef> roots = new LinkedHashMap<>();
    private final boolean legacy;

    /** @param legacy true for the pre-1.6 stream format, whose persistent ids carry view metadata */
    StorageTable(boolean legacy) {
        this.legacy = legacy;
    }

    /** The persistent loader: parses a storage id, records its root, returns the ref tensors build on. */
    Object resolve(Object persistentId) {
        StorageRef ref = StorageRef.parse(persistentId, legacy);
        StorageRef known = roots.putIfAbsent(ref.key(), ref);
        if (known != null && (known.type() != ref.type() || known.numel() != ref.numel())) {
            throw new IllegalArgumentException("storage " + ref.key() + " is declared both as " + known.numel() + " "
                    + known.type() + " and as " + ref.numel() + " " + ref.type());
        }
        return ref;
    }

    /** Root storages by key, in the order the pickle first used them. */
    Map<String, StorageRef> roots() {
        return roots;
    }
}
