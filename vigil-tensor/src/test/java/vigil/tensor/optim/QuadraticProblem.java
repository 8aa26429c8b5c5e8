package vigil.tensor.optim;

import java.util.List;
import vigil.tensor.Tensor;

/**
 * The small fixed problem the optimizer tests share with their torch script: two parameters,
 * a [2, 3] (offset 0) and b [20] (offset 6), element j (counting on from the offset k = j + offset)
 * starting at ((37k mod 41) - 20) / 16, with gradient c * (p - t), c = 0.5 + (k mod 5) / 4,
 * t = ((13k mod 17) - 8) / 8. Every constant is exact in float32 and the gradient is two float
 * operations, so torch and Vigil feed their optimizers identical gradients.
 *
 * <pre>
 * def mk(n, off):  # torch 1.13, /usr/bin/python3
 *     p0 = torch.tensor([((j+off)*37 % 41 - 20)/16 for j in range(n)])
 *     c = torch.tensor([0.5 + ((j+off) % 5)/4 for j in range(n)])
 *     t = torch.tensor([((j+off)*13 % 17 - 8)/8 for j in range(n)])
 * each step: p.grad = c * (p.detach() - t); opt.step()
 * </pre>
 */
final class QuadraticProblem {
    final Tensor a = Tensor.of(start(6, 0), 2, 3).requiresGrad(true);
    final Tensor b = Tensor.of(start(20, 6), 20).requiresGrad(true);
    private final float[][] c = {curvature(6, 0), curvature(20, 6)};
    private final float[][] t = {target(6, 0), target(20, 6)};

    List<Tensor> params() {
        return List.of(a, b);
    }

    /** Sets each parameter's gradient to c * (p - t), as the torch script does. */
    void computeGradients() {
        Tensor[] ps = {a, b};
        for (int k = 0; k < 2; k++) {
            float[] p = ps[k].data();
            float[] g = new float[p.length];
            for (int j = 0; j < p.length; j++) {
                g[j] = c[k][j] * (p[j] - t[k][j]);
            }
            ps[k].zeroGrad();
            ps[k].accumulateGrad(g);
        }
    }

    void run(Optimizer opt, int steps) {
        for (int s = 0; s < steps; s++) {
            computeGradients();
            opt.step();
        }
    }

    private static float[] start(int n, int off) {
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = ((j + off) * 37 % 41 - 20) / 16f;
        }
        return v;
    }

    private static float[] curvature(int n, int off) {
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = 0.5f + ((j + off) % 5) / 4f;
        }
        return v;
    }

    private static float[] target(int n, int off) {
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = ((j + off) * 13 % 17 - 8) / 8f;
        }
        return v;
    }
}
