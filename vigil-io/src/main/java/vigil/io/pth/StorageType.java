package vigil.io.pth;

import vigil.tensor.DType;

/**
 * The {@code torch.*Storage} classes a state_dict may name, each with its element size on disk and
 * the engine dtype it loads as. Conversions are exact except DOUBLE, which rounds to float32 (the
 * engine computes in float32) and is refused when a finite value would overflow.
 */
public enum StorageType {
    FLOAT("FloatStorage", 4, DType.FLOAT32),
    DOUBLE("DoubleStorage", 8, DType.FLOAT32),
    HALF("HalfStorage", 2, DType.FLOAT32),
    BFLOAT16("BFloat16Storage", 2, DType.FLOAT32),
    LONG("LongStorage", 8, DType.INT64),
    INT("IntStorage", 4, DType.INT32),
    SHORT("ShortStorage", 2, DType.INT32),
    /** uint8: widened to int32 because the engine's INT8 is signed. */
    BYTE("ByteStorage", 1, DType.INT32),
    CHAR("CharStorage", 1, DType.INT8),
    BOOL("BoolStorage", 1, DType.INT8);

    private final String className;
    private final int itemSize;
    private final DType target;

    StorageType(String className, int itemSize, DType target) {
        this.className = className;
        this.itemSize = itemSize;
        this.target = target;
    }

    /** The class name inside module {@code torch}, e.g. "FloatStorage". */
    public String className() {
        return className;
    }

    /** Bytes per element in the checkpoint. */
    public int itemSize() {
        return itemSize;
    }

    /** The dtype the loaded tensor has. */
    public DType target() {
        return target;
    }

    /** The storage type for a global {@code module.name}, or null when it is not one. */
    static StorageType forGlobal(String module, String name) {
        if (!module.equals("torch")) {
            return null;
        }
        for (StorageType t : values()) {
            if (t.className.equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "torch." + className;
    }
}
