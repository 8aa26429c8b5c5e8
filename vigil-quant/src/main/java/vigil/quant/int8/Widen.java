package vigil.quant.int8;

/** The int8 -> int16 widening step of the kernels (see {@link Int8Lanes}). */
final class Widen {
    private Widen() {
    }

    static short[] bytes(byte[] a) {
        short[] s = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i];
        }
        return s;
    }

    /** dst[to + i] = src[from + i] - zeroPoint for i < len (in [-255, 255]). */
    static void minusZeroPoint(byte[] src, int from, short[] dst, int to, int len, int zeroPoint) {
        for (int i = 0; i < len; i++) {
            dst[to + i] = (short) (src[from + i] - zeroPoint);
        }
    }
}
