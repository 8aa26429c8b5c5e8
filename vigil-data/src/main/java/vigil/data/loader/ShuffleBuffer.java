package vigil.data.loader;

import vigil.tensor.init.Rng;

/**
 * A streaming shuffle as TensorFlow's {@code Dataset.shuffle(buffer_size)}: the first
 * {@code size} elements fill a buffer; then each next element replaces a uniformly chosen buffer
 * element, which is emitted; at the end the buffer is emptied in uniformly random order. An
 * element therefore comes out at most {@code size - 1} places earlier than it went in, a buffer of
 * 0 or 1 keeps the order, and a buffer at least as large as the stream gives a uniformly random
 * permutation (a full shuffle).
 */
public final class ShuffleBuffer {
    private ShuffleBuffer() {}

    /** The stream reordered through a buffer of the given size, drawing from rng. */
    public static int[] apply(int[] stream, int size, Rng rng) {
        if (size < 0) {
            throw new IllegalArgumentException("shuffle buffer size must be >= 0, got " + size);
        }
        int capacity = Math.min(size, stream.length);
        if (capacity <= 1) {
            return stream.clone();
        }
        int[] buffer = new int[capacity];
        int[] out = new int[stream.length];
        int held = 0;
        int emitted = 0;
        for (int element : stream) {
            if (held < capacity) {
                buffer[held++] = element;
            } else {
                int j = rng.nextInt(held);
                out[emitted++] = buffer[j];
                buffer[j] = element;
            }
        }
        while (held > 0) {
            int j = rng.nextInt(held);
            out[emitted++] = buffer[j];
            buffer[j] = buffer[--held];
        }
        return out;
    }
}
