package vigil.io.caffe;

import java.util.Arrays;

/**
 * A network input blob as the prototxt declares it: its name and declared shape (usually NCHW).
 * The declared shape is a hint, as in Caffe and OpenCV: forward accepts other spatial sizes.
 */
public record InputSpec(String name, int[] shape) {
    public InputSpec {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.name.equals(name) && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
