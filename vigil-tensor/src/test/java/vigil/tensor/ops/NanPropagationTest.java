package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/** NaN goes through relu and relu6 as in PyTorch 1.13 (values and gradients printed by torch). */
class NanPropagationTest {

    @Test
    void reluKeepsNanAndPassesItsGradient() {
        // torch.relu([nan, 1, -1, 0]) = [nan, 1, 0, 0]; grad with ones = [1, 1, 0, 0]
        Tensor x = Tensor.of(new float[] {Float.NaN, 1f, -1f, 0f}, 4).requiresGrad(true);
        Tensor y = Activations.relu(x);
        assertArrayEquals(new float[] {Float.NaN, 1f, 0f, 0f}, y.data());
        y.sum().backward();
        assertArrayEquals(new float[] {1f, 1f, 0f, 0f}, x.grad().data());
    }

    @Test
    void relu6KeepsNanAndPassesItsGradient() {
        // F.relu6([nan, 7, -1]) = [nan, 6, 0]; grad with ones = [1, 0, 0]
        Tensor x = Tensor.of(new float[] {Float.NaN, 7f, -1f}, 3).requiresGrad(true);
        Tensor y = Activations.relu6(x);
        assertArrayEquals(new float[] {Float.NaN, 6f, 0f}, y.data());
        y.sum().backward();
        assertArrayEquals(new float[] {1f, 0f, 0f}, x.grad().data());
    }
}
