package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Inputs spread over [-lo, hi] plus the special values, a whole number of vectors long. */
    private static float[] inputs(float lo, float hi) {
        SplittableRandom rnd = new SplittableRandom(5);
        float[] special = {0f, -0f, 1e-30f, -1e-30f, 0.0624f, 0.0626f, -0.0625f, 88.7f, 88.8f, -87.3f, -87.4f, -103f,
            -200f, 200f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        float[] x = new float[S.length() * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < special.length ? special[i] : (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return x;
    }

    private static float[] apply(float[] x, java.util.function.UnaryOperator<FloatVector> f) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += S.length()) {
            f.apply(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        return y;
    }

    private static double ulpError(float got, double want) {
        if (want == 0) {
            return got == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - want) / Math.ulp((float) want);
    }

    @Test
    void vectorExpHasTheScalarTwinsBits() {
        // equal bits prove the vector form uses only exactly rounded operations: no math library whose
        // result would change when the JIT compiles the loop
        float[] x = inputs(-110f, 110f);
        float[] y = apply(x, VectorMath::exp);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(VectorMath.exp(x[i])), Float.floatToIntBits(y[i]), "exp(" + x[i] + ")");
        }
    }

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheNormalRange() {
        float[] x = inputs(-87f, 88.5f);
        float[] y = apply(x, VectorMath::exp);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(y[i]));
            } else if (x[i] < -87.33654f || x[i] == Float.MIN_VALUE) {
                assertTrue(x[i] == Float.MIN_VALUE ? y[i] == 1f : y[i] == 0f, "exp(" + x[i] + ") = " + y[i]);
            } else if (x[i] > 88.72283f) {
                assertEquals(Float.POSITIVE_INFINITY, y[i]);
            } else {
                double want = Math.exp(x[i]);
                assertTrue(ulpError(y[i], want) <= 2, "exp(" + x[i] + ") = " + y[i] + ", Math.exp " + want);
            }
        }
    }

    @Test
    void tanhIsWithinFourUlpOfMathTanhAndOdd() {
        float[] x = inputs(-12f, 12f);
        float[] y = apply(x, VectorMath::tanh);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(y[i]));
                continue;
            }
            double want = Math.tanh(x[i]);
            // the quotient form loses up to a few ulp near |x| = 0.0625 where the series takes over
            assertTrue(ulpError(y[i], want) <= 4 || Math.abs(y[i] - want) < 1e-37,
                    "tanh(" + x[i] + ") = " + y[i] + ", Math.tanh " + want);
            assertEquals(Math.copySign(1f, x[i]), Math.copySign(1f, y[i]), "sign of tanh(" + x[i] + ")");
        }
    }

    @Test
    void sigmoidIsWithinFourUlpOfTheDoubleFormula() {
        float[] x = inputs(-30f, 30f);
        float[] y = apply(x, VectorMath::sigmoid);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(y[i]));
                continue;
            }
            double want = 1 / (1 + Math.exp(-(double) x[i]));
            assertTrue(ulpError(y[i], want) <= 4 || Math.abs(y[i] - want) < 1e-37,
                    "sigmoid(" + x[i] + ") = " + y[i] + ", want " + want);
        }
    }
}
