package vigil.quant;

/**
 * The integer type of quantized codes. Codes are stored one per byte; {@link #decode} widens a stored
 * byte to its integer value (0..255 for UINT8, -128..127 for INT8) and {@link #saturate} clamps an
 * integer into the type's range, as ONNX's QuantizeLinear and TFLite's kernels do on output.
 */
public enum QuantType {
    UINT8(0, 255),
    INT8(-128, 127);

    private final int min;
    private final int max;

    QuantType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public int decode(byte stored) {
        return this == UINT8 ? stored & 0xff : stored;
    }

    /** The stored byte for a value already inside [min, max]. */
    public byte encode(int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(this + ": value " + value + " outside [" + min + ", " + max + "]");
        }
        return (byte) value;
    }

    public int saturate(long value) {
        return (int) Math.max(min, Math.min(max, value));
    }

    /** Widens stored codes to ints (the first step of every integer kernel). */
    public int[] decodeAll(byte[] stored) {
        int[] out = new int[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = decode(stored[i]);
        }
        return out;
    }
}
