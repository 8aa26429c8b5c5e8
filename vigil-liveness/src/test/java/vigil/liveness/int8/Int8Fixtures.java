package vigil.liveness.int8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.PassiveLiveness;

/**
 * The real Silent-Face models under ../shared, quantized once per JVM with calibration on the fetched
 * photos (.cache/data/photos: faces that are NOT the Silent-Face samples the agreement is judged on).
 */
final class Int8Fixtures {
    static final String V2_FILE = "2.7_80x80_MiniFASNetV2.pth";
    static final String V1SE_FILE = "4_0_0_80x80_MiniFASNetV1SE.pth";
    static final float THRESHOLD = 0.6f;

    private static final Map<String, Int8MiniFasNet> QUANTIZED = new HashMap<>();
    private static SsdFaceDetector detector;
    private static List<FaceCrops> faces;

    private Int8Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    static Path models() {
        return shared().resolve("models/silent-face");
    }

    static Path photos() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data")).resolve("photos");
    }

    static Path sample(String name) {
        return shared().resolve("images/silent-face").resolve(name);
    }

    static synchronized SsdFaceDetector detector() throws IOException {
        if (detector == null) {
            detector = SsdFaceDetector.load(models().resolve(PassiveLiveness.PROTOTXT),
                    models().resolve(PassiveLiveness.CAFFEMODEL), THRESHOLD);
        }
        return detector;
    }

    static synchronized List<FaceCrops> calibrationFaces() throws IOException {
        if (faces == null) {
            faces = FaceCrops.detect(detector(), List.of(photos()));
        }
        return faces;
    }

    /** The model quantized with the default calibration (percentile 99.99, as `vigil check --int8` does). */
    static Int8MiniFasNet quantized(String file) throws IOException {
        return quantized(file, Int8ModelCache.DEFAULT_METHOD);
    }

    static synchronized Int8MiniFasNet quantized(String file, Calibrator.Method method) throws IOException {
        String key = file + " " + method.describe();
        Int8MiniFasNet m = QUANTIZED.get(key);
        if (m == null) {
            Int8Quantization.FloatModel f = Int8Quantization.loadFloat(models().resolve(file));
            m = Int8Quantization.quantize(f, Int8Quantization.calibrate(f, calibrationFaces(), method));
            QUANTIZED.put(key, m);
        }
        return m;
    }
}
