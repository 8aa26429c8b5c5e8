package vigil.io.pth;

import java.nio.ByteBuffer;
import java.util.Arrays;
import vigil.tensor.Tensor;

/**
 * Turns a {@link PickledTensor} plus its storage's bytes into a dense engine tensor of its own.
 * torch.save writes whole storages, so a view (a transposed weight, a slice at an offset, an expanded
 * stride-0 tensor) is gathered element by element in logical row-major order; each loaded tensor
 * owns its data, as if {@code .contiguous().clone()} had been called.
 */
final class TensorMaterializer {
    private TensorMaterializer() {
    }

    /**
     * @param rootBytes the whole root storage, {@code ref.numel() * itemSize} bytes, in the file's byte order
     * @param where     names file and key in error messages
     */
    static Tensor materialize(PickledTensor t, ByteBuffer rootBytes, String where) throws PthFormatException {
        StorageRef ref = t.storage();
        int[] shape = t.sizes();
        int[] byteIndex = byteIndices(t, where);
        StorageType type = ref.type();
        int n = byteIndex.length;
        return switch (type) {
            case FLOAT, HALF, BFLOAT16, DOUBLE -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = readFloat(type, rootBytes, byteIndex[i], where);
                }
                yield Tensor.of(out, shape);
            }
            case LONG -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = rootBytes.getLong(byteIndex[i]);
                }
                yield Tensor.ofLongs(out, shape);
            }
            case INT, SHORT, BYTE -> {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    int b = byteIndex[i];
                    out[i] = switch (type) {
                        case INT -> rootBytes.getInt(b);
                        case SHORT -> rootBytes.getShort(b);
                        default -> rootBytes.get(b) & 0xff;
                    };
                }
                yield Tensor.ofInts(out, shape);
            }
            case CHAR, BOOL -> {
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    byte v = rootBytes.get(byteIndex[i]);
                    out[i] = type == StorageType.BOOL ? (byte) (v != 0 ? 1 : 0) : v;
                }
                yield Tensor.ofBytes(out, shape);
            }
        };
    }

    /** Byte position in the root storage of each element, in logical row-major order; checks the view fits. */
    private static int[] byteIndices(PickledTensor t, String where) throws PthFormatException {
        StorageRef ref = t.storage();
        int[] shape = t.sizes();
        long[] strides = t.strides();
        int numel = 1;
        for (int d : shape) {
            numel *= d; // PickledTensor guarantees this stays below 2^31
        }
        if (numel == 0) {
            return new int[0];
        }
        long last = t.storageOffset();
        try {
            for (int i = 0; i < shape.length; i++) {
                last = Math.addExact(last, Math.multiplyExact((long) shape[i] - 1, strides[i]));
            }
        } catch (ArithmeticException e) {
            last = Long.MAX_VALUE;
        }
        if (last >= ref.viewNumel()) {
            throw new PthFormatException(where + ": tensor " + Arrays.toString(shape) + " with stride "
                    + Arrays.toString(strides) + " at offset " + t.storageOffset() + " reaches element " + last
                    + " of a storage of " + ref.viewNumel() + " elements");
        }
        int itemSize = ref.type().itemSize();
        int[] out = new int[numel];
        int[] idx = new int[shape.length];
        long base = ref.viewOffset() + t.storageOffset();
        for (int i = 0; i < numel; i++) {
            long e = base;
            for (int d = 0; d < idx.length; d++) {
                e += idx[d] * strides[d];
            }
            out[i] = (int) (e * itemSize); // below the storage's byte size, which fits an int
            for (int d = idx.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) {
                idx[d] = 0;
            }
        }
        return out;
    }

    private static float readFloat(StorageType type, ByteBuffer b, int at, String where) throws PthFormatException {
        return switch (type) {
            case FLOAT -> b.getFloat(at);
            case HALF -> Float.float16ToFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case DOUBLE -> {
                double d = b.getDouble(at);
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw new PthFormatException(where + ": float64 value " + d + " overflows float32");
                }
                yield f;
            }
            default -> throw new IllegalStateException(type + " is not a float storage");
        };
    }
}
