package vigil.tensor;

/** Element types a tensor can hold. Float32 is the compute type; integers carry labels and quantized data. */
public enum DType {
    FLOAT32("F32", 4),
    INT64("I64", 8),
    INT32("I32", 4),
    INT8("I8", 1);

    private final String safetensorsName;
    private final int byteSize;

    DType(String safetensorsName, int byteSize) {
        this.safetensorsName = safetensorsName;
        this.byteSize = byteSize;
    }

    /** The dtype string safetensors headers use ("F32", "I64", ...). */
    public String safetensorsName() {
        return safetensorsName;
    }

    public int byteSize() {
        return byteSize;
    }

    public static DType fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype " + name);
    }
}
