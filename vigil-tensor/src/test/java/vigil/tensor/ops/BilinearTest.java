package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.TestInputs.pattern;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Bilinear resize against PyTorch 1.13: expected numbers were printed by /usr/bin/python3 with
 * torch.nn.functional.interpolate(mode='bilinear') on x[i] = (7 i mod 11) - 5 and pasted here.
 * Gradients are checked by finite differences (GradCheck defaults; the op is linear in x).
 */
class BilinearTest {
    @Test
    void upscalingWithAlignedCornersKeepsTheCornerValues() {
        // F.interpolate(x [1, 1, 3, 4], size=(5, 7), mode='bilinear', align_corners=True)
        Tensor y = Bilinear.interpolateBilinear(pattern(1, 1, 3, 4), 5, 7, true);
        assertArrayEquals(new float[] {-5.0f, -1.5f, 2.0f, 0.0f, -2.0f, 1.5f, 5.0f, -2.0f, -1.25f, -0.5f, 0.25f,
            1.0f, 1.75f, 2.5f, 1.0f, -1.0f, -3.0f, 0.5f, 4.0f, 2.0f, 0.0f, -1.5f, -0.75f, 0.0f, 0.75f, 1.5f, -0.5f,
            -2.5f, -4.0f, -0.5f, 3.0f, 1.0f, -1.0f, -3.0f, -5.0f}, y.data(), 1e-6f);
    }

    @Test
    void upscalingWithoutAlignedCornersClampsSourcePositionsAtZero() {
        // F.interpolate(x [1, 1, 3, 4], size=(6, 8), mode='bilinear', align_corners=False)
        Tensor y = Bilinear.interpolateBilinear(pattern(1, 1, 3, 4), 6, 8, false);
        assertArrayEquals(new float[] {-5.0f, -3.25f, 0.25f, 1.0f, -1.0f, -0.25f, 3.25f, 5.0f, -3.5f, -2.4375f,
            -0.3125f, 0.4375f, -0.1875f, 0.5625f, 2.6875f, 3.75f, -0.5f, -0.8125f, -1.4375f, -0.6875f, 1.4375f,
            2.1875f, 1.5625f, 1.25f, -0.25f, -0.5625f, -1.1875f, -0.4375f, 1.6875f, 1.75f, -0.25f, -1.25f, -2.75f,
            -1.6875f, 0.4375f, 1.1875f, 0.5625f, -0.75f, -2.75f, -3.75f, -4.0f, -2.25f, 1.25f, 2.0f, 0.0f, -2.0f,
            -4.0f, -5.0f}, y.data(), 1e-6f);
    }

    @Test
    void resizingByAFactorSamplesWithTheFactorNotTheSizeRatio() {
        // F.interpolate(x [1, 1, 4, 5], scale_factor=1.5, mode='bilinear'): 6 x 7, sampled with
        // scale 1 / 1.5 (size=(6, 7) would use 4/6 and 5/7 and give other numbers). PyTorch's own
        // rounding shows in the 7th digit, hence 1e-5.
        Tensor y = Bilinear.interpolateBilinearByFactor(pattern(1, 1, 4, 5), 1.5, 1.5, false);
        assertArrayEquals(new int[] {1, 1, 6, 7}, y.shape());
        assertArrayEquals(new float[] {-5.0f, -1.5f, 1.3333330154418945f, -1.3333334922790527f, 1.5000008344650269f,
            4.3333330154418945f, 1.666666030883789f, -4.0f, -0.5f, 2.3333330154418945f, -0.33333349227905273f,
            -0.24999982118606567f, 0.7500001788139343f, 1.750000238418579f, -2.6666665077209473f,
            -0.08333352208137512f, 2.138888120651245f, 0.6944442987442017f, -1.6666669845581055f,
            -2.4999990463256836f, 2.166667938232422f, -1.3333332538604736f, -2.4166667461395264f,
            -2.6388888359069824f, 0.8055558204650879f, -0.33333370089530945f, -1.1666659116744995f,
            3.5000011920928955f, 2.384185791015625e-07f, -1.999999761581421f, -2.8333325386047363f,
            1.8333338499069214f, 0.9999997615814209f, -0.7499998807907104f, 0.24999947845935822f, 1.0f, -1.0f,
            -1.833332896232605f, 2.833333730697632f, 1.9999996423721313f, -0.666667103767395f, -3.33333420753479f},
            y.data(), 1e-5f);
    }

    @Test
    void gradientMatchesFiniteDifferencesInEveryMode() {
        Tensor x = GradCheck.randomInput(new Rng(5), -1f, 1f, 2, 2, 4, 5);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Bilinear.interpolateBilinear(t[0], 7, 3, false),
            Bilinear.interpolateBilinear(t[0], 9, 8, true),
            Bilinear.interpolateBilinear(t[0], 1, 1, true),
            Bilinear.interpolateBilinearByFactor(t[0], 1.5, 2.0, false)}, x));
    }
}
