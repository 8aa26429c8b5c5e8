package vigil.tensor;

/**
 * The flat primitive array behind a tensor. Views share one storage; kernels work on the array
 * directly, so there is no object per element.
 */
public sealed interface Storage permits Storage.Floats, Storage.Longs, Storage.Ints, Storage.Bytes {

    DType dtype();

    int length();

    record Floats(float[] array) implements Storage {
        public DType dtype() { return DType.FLOAT32; }
        public int length() { return array.length; }
    }

    record Longs(long[] array) implements Storage {
        public DType dtype() { return DType.INT64; }
        public int length() { return array.length; }
    }

    record Ints(int[] array) implements Storage {
        public DType dtype() { return DType.INT32; }
        public int length() { return array.length; }
    }

    record Bytes(byte[] array) implements Storage {
        public DType dtype() { return DType.INT8; }
        public int length() { return array.length; }
    }
}
