package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/** The Dropout layer: its own seeded stream in training, identity in evaluation. */
class DropoutLayerTest {
    @Test
    void twoLayersWithTheSameSeedDropTheSameElements() {
        Tensor x = Tensor.ones(3, 30);
        float[] a = new Dropout(0.5f, 17L).forward(x).data();
        float[] b = new Dropout(0.5f, 17L).forward(x).data();
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void theMaskMatchesTheOpDrawnFromTheSameSeed() {
        Tensor x = Tensor.ones(100);
        float[] layer = new Dropout(0.25f, 5L).forward(x).data();
        float[] op = vigil.tensor.ops.Dropout.dropout(x, 0.25f, true, new Rng(5L)).data();
        assertArrayEquals(op, layer, 0f);
    }

    @Test
    void evaluationModeIsTheIdentity() {
        Dropout d = new Dropout(0.5f, 1L);
        d.eval();
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f}, 3);
        assertSame(x, d.forward(x));
    }
}
