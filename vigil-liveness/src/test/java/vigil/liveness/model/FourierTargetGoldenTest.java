package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.io.Json;

/**
 * {@link FourierTarget} against Silent-Face's generate_FT + cv2.resize recomputed by numpy / OpenCV
 * (src/test/resources/model/make_fourier_golden.py) on a real face crop
 * (shared/goldens/silent-face/image_T1_crop_2.7.png).
 *
 * <p>Tolerance 1e-6 absolute on values in (0, 1]: the golden keeps 10 significant digits (5e-11),
 * the Java DFT sums in double in another order than numpy's FFT (relative error ~1e-13 on the
 * magnitudes, less after the log and the normalisation), both resizes use the same float32
 * interpolation weights, and the Java target is stored as float32 (6e-8). A wrong fftshift, grey
 * conversion, normalisation or resize rule moves values by 1e-3 or more.
 */
class FourierTargetGoldenTest {
    private static final double TOLERANCE = 1e-6;
    private static Tensor crop;
    private static List<Map<String, Object>> cases;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        crop = ModelFixtures.silentFaceCrop("T1", "2.7");
        try (InputStream in = FourierTargetGoldenTest.class.getResourceAsStream("/model/fourier-golden.json")) {
            Map<String, Object> doc = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            cases = (List<Map<String, Object>>) doc.get("cases");
        }
    }

    @Test
    void targetOfAnEightyPixelCropMatchesSilentFacesTenByTenTarget() {
        Map<String, Object> c = cases.get(0);
        Tensor target = FourierTarget.of(crop, 10, 10);
        assertClose(doubles(c.get("target")), target.data(), (String) c.get("name"));
    }

    @Test
    void spectrumAndTargetOfAnOddNonSquareWindowMatchNumpy() {
        Map<String, Object> c = cases.get(1);
        // rows 11..47, columns 5..54 of the crop, as the golden script cuts it
        Tensor window = crop.slice(2, 11, 48).slice(3, 5, 55).contiguous();
        int h = window.dim(2);
        int w = window.dim(3);
        double[] grey = FourierTarget.grey(window.data(), 0, h, w);
        double[] spectrum = FourierTarget.normalisedLogSpectrum(grey, h, w);
        float[] asFloat = new float[spectrum.length];
        for (int i = 0; i < spectrum.length; i++) {
            asFloat[i] = (float) spectrum[i];
        }
        assertClose(doubles(c.get("spectrum")), asFloat, c.get("name") + " spectrum");
        Tensor target = FourierTarget.of(window, 5, 7);
        assertClose(doubles(c.get("target")), target.data(), c.get("name") + " target");
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(0, worst, TOLERANCE, what + ": largest difference from numpy/cv2");
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
