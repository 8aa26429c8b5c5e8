package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/** Mismatched shapes and dtypes raise errors that name the op and the shapes. */
class ShapeErrorsTest {

    private static void assertMentions(RuntimeException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void broadcastMismatchNamesOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertMentions(e, "add", "[2, 3]", "[4]");
    }

    @Test
    void matmulMismatchNamesShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertMentions(e, "matmul", "[2, 3]", "[4, 5]");
    }

    @Test
    void convChannelMismatchNamesShapes() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Conv2dOp.conv2d(Tensor.zeros(1, 3, 8, 8),
                Tensor.zeros(4, 2, 3, 3), null, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        assertMentions(e, "conv2d", "[1, 3, 8, 8]", "[4, 2, 3, 3]");
    }

    @Test
    void reshapeToWrongSizeNamesShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertMentions(e, "reshape", "[2, 3]", "[4, 2]");
    }

    @Test
    void floatOpOnLabelsNamesTheDtype() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.ofLongs(new long[] {1, 2}, 2).data());
        assertMentions(e, "INT64");
    }

    @Test
    void integerTensorsCannotRequireGradients() {
        assertThrows(ShapeException.class, () -> Tensor.ofLongs(new long[] {1}, 1).requiresGrad(true));
    }
}
