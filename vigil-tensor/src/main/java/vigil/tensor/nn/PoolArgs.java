package vigil.tensor.nn;

import java.util.Arrays;

/** Checks the (height, width) pairs the pooling layers are built with, so a bad one fails at construction. */
final class PoolArgs {
    private PoolArgs() {
    }

    /** A defensive copy of a two-element, non-negative pair; the error names the layer and argument. */
    static int[] pair(String layer, String name, int[] value) {
        if (value == null || value.length != 2 || value[0] < 0 || value[1] < 0) {
            throw new IllegalArgumentException(layer + ": " + name + " must be two non-negative sizes, got "
                    + Arrays.toString(value));
        }
        return value.clone();
    }
}
