package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * The activation layers on x = [-4, -1, -0.5, 0.5, 2, 7] against torch.nn layers of the same name;
 * expected numbers were printed by /usr/bin/python3 with PyTorch 1.13 and pasted here.
 */
class ActivationLayersTest {
    private static final float[] X = {-4f, -1f, -0.5f, 0.5f, 2f, 7f};

    private static float[] run(Layer layer) {
        return layer.forward(Tensor.of(X.clone(), 1, 6)).data();
    }

    @Test
    void reluAndRelu6() {
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 2f, 7f}, run(new ReLU()), 0f);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 2f, 6f}, run(new ReLU6()), 0f);
    }

    @Test
    void leakyReluUsesItsSlope() {
        assertArrayEquals(new float[] {-0.800000011920929f, -0.20000000298023224f, -0.10000000149011612f, 0.5f,
            2.0f, 7.0f}, run(new LeakyReLU(0.2f)), 1e-7f);
    }

    @Test
    void preluStartsAtAQuarterSlope() {
        assertArrayEquals(new float[] {-1.0f, -0.25f, -0.125f, 0.5f, 2.0f, 7.0f}, run(new PReLU()), 0f);
    }

    @Test
    void preluHasOneWeightParameterPerChannel() {
        PReLU p = new PReLU(3);
        assertEquals(List.of("weight"), List.copyOf(p.namedParameters().keySet()));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, p.weight().data(), 0f);
        // Per-channel slopes act on dim 1 of x [N, C, H, W].
        p.weight().data()[1] = 0.5f;
        float[] y = p.forward(Tensor.full(-2f, 1, 3, 1, 1)).data();
        assertArrayEquals(new float[] {-0.5f, -1f, -0.5f}, y, 0f);
    }

    @Test
    void sigmoidTanhAndHardswish() {
        assertArrayEquals(new float[] {0.01798621006309986f, 0.2689414322376251f, 0.3775406777858734f,
            0.622459352016449f, 0.8807970285415649f, 0.9990890026092529f}, run(new Sigmoid()), 1e-6f);
        assertArrayEquals(new float[] {-0.9993293285369873f, -0.7615941762924194f, -0.46211716532707214f,
            0.46211716532707214f, 0.9640275835990906f, 0.9999983310699463f}, run(new Tanh()), 1e-6f);
        assertArrayEquals(new float[] {-0.0f, -0.3333333432674408f, -0.2083333283662796f, 0.2916666567325592f,
            1.6666666269302368f, 7.0f}, run(new Hardswish()), 1e-6f);
    }
}
