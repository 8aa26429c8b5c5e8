package vigil.io.pth;

import java.util.Arrays;

/**
 * A tensor as the pickle describes it, before its storage bytes are read: which storage, and the
 * view into it (element offset, sizes, strides, all in elements). Validated on construction so that
 * materialising can trust the arithmetic: sizes fit an int tensor, strides and offset are non-negative.
 */
public record PickledTensor(StorageRef storage, long storageOffset, int[] sizes, long[] strides) {

    /** torch never writes more dimensions than this (its own limit is 64 for most kernels). */
    private static final int MAX_RANK = 64;

    public PickledTensor {
        sizes = sizes.clone();
        strides = strides.clone();
    }

    /** Builds one from the pickled arguments; throws IllegalArgumentException naming the bad one. */
    static PickledTensor of(Object storage, Object offset, Object size, Object stride) {
        if (!(storage instanceof StorageRef ref)) {
            throw new IllegalArgumentException("tensor storage is " + PickleValues.describe(storage)
                    + ", not a storage persistent id");
        }
        if (!(offset instanceof Long off) || off < 0) {
            throw new IllegalArgumentException("tensor storage offset " + PickleValues.describe(offset)
                    + " is not a non-negative integer");
        }
        long[] sizeValues = longs(size, "size");
        long[] strideValues = longs(stride, "stride");
        if (sizeValues.length != strideValues.length || sizeValues.length > MAX_RANK) {
            throw new IllegalArgumentException("tensor size " + Arrays.toString(sizeValues) + " and stride "
                    + Arrays.toString(strideValues) + " differ in rank or exceed rank " + MAX_RANK);
        }
        int[] sizes = new int[sizeValues.length];
        long numel = 1;
        for (int i = 0; i < sizes.length; i++) {
            long d = sizeValues[i];
            numel *= Math.max(d, 1);
            if (d < 0 || d > Integer.MAX_VALUE || numel > Integer.MAX_VALUE || strideValues[i] < 0) {
                throw new IllegalArgumentException("tensor size " + Arrays.toString(sizeValues) + " / stride "
                        + Arrays.toString(strideValues) + " is negative or has more than 2^31-1 elements");
            }
            sizes[i] = (int) d;
        }
        return new PickledTensor(ref, off, sizes, strideValues);
    }

    private static long[] longs(Object tuple, String what) {
        if (!(tuple instanceof PickleTuple t)) {
            throw new IllegalArgumentException("tensor " + what + " " + PickleValues.describe(tuple) + " is not a tuple");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v)) {
                throw new IllegalArgumentException("tensor " + what + " " + PickleValues.describe(t) + " holds a non-integer");
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public String toString() {
        return storage.type() + " " + Arrays.toString(sizes) + " stride " + Arrays.toString(strides)
                + " offset " + storageOffset + " in storage " + storage.key();
    }
}
