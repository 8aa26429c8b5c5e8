package vigil.io.pth;

/**
 * A storage as a pickle's persistent id names it. The zip format writes
 * {@code ('storage', type, key, location, numel)}; the legacy format adds a sixth item, None or a view
 * {@code (view_key, offset, view_numel)} into the root storage. A tensor built on this ref indexes
 * elements {@code [viewOffset, viewOffset + viewNumel)} of the root storage {@code key}.
 *
 * @param numel elements of the whole root storage, as declared (checked against the data)
 */
public record StorageRef(StorageType type, String key, String location, long numel, long viewOffset, long viewNumel) {

    /** Largest storage the reader accepts: its bytes must fit one Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Parses a persistent id; throws IllegalArgumentException saying what is wrong with it. */
    static StorageRef parse(Object pid, boolean legacy) {
        if (!(pid instanceof PickleTuple t) || t.size() < 1 || !"storage".equals(t.get(0))) {
            throw new IllegalArgumentException("persistent id " + PickleValues.describe(pid) + " is not a ('storage', ...) tuple");
        }
        int expected = legacy ? 6 : 5;
        if (t.size() != expected) {
            throw new IllegalArgumentException("storage persistent id has " + t.size() + " items, expected " + expected);
        }
        if (!(t.get(1) instanceof StorageType type)) {
            throw new IllegalArgumentException("storage persistent id names " + PickleValues.describe(t.get(1))
                    + " where a torch.*Storage type belongs");
        }
        if (!(t.get(2) instanceof String key) || !(t.get(3) instanceof String location)) {
            throw new IllegalArgumentException("storage persistent id has a non-string key or location");
        }
        long numel = count(t.get(4), "storage " + key + " size", type);
        long viewOffset = 0;
        long viewNumel = numel;
        if (legacy && t.get(5) != null) {
            if (!(t.get(5) instanceof PickleTuple view) || view.size() != 3) {
                throw new IllegalArgumentException("storage " + key + " has view metadata " + PickleValues.describe(t.get(5))
                        + ", expected None or (view_key, offset, numel)");
            }
            viewOffset = count(view.get(1), "storage " + key + " view offset", type);
            viewNumel = count(view.get(2), "storage " + key + " view size", type);
            if (viewOffset + viewNumel > numel) {
                throw new IllegalArgumentException("storage " + key + " view [" + viewOffset + ", "
                        + (viewOffset + viewNumel) + ") reaches past its " + numel + " elements");
            }
        }
        return new StorageRef(type, key, location, numel, viewOffset, viewNumel);
    }

    /** Bytes of the whole root storage. */
    long byteSize() {
        return numel * type.itemSize();
    }

    private static long count(Object v, String what, StorageType type) {
        if (!(v instanceof Long n) || n < 0 || n > MAX_BYTES / type.itemSize()) {
            throw new IllegalArgumentException(what + " " + PickleValues.describe(v) + " is not an element count of at most "
                    + MAX_BYTES / type.itemSize() + " for " + type);
        }
        return n;
    }
}
