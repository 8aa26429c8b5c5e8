package vigil.tensor.ops;

import vigil.tensor.init.Rng;

/** Test inputs for the kernel tests: n floats drawn uniformly from [-1, 1) by a seeded Rng. */
final class UniformArrays {
    private UniformArrays() {
    }

    static float[] uniform(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(-1f, 1f);
        }
        return v;
    }
}
