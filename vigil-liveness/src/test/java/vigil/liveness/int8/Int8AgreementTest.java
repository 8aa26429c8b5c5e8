package vigil.liveness.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PassiveLiveness;
import vigil.liveness.passive.PretrainedMiniFasNet;

/**
 * Done-when of issue #9: the int8 Silent-Face models (calibrated on other photos) agree with the float
 * ones on the Silent-Face sample images: the same label, and the live-class score within 0.05 (the
 * issue's tolerance), for the pipeline's mean over both models.
 */
class Int8AgreementTest {
    private static final float TOLERANCE = 0.05f;
    private static PassiveLiveness floatPipeline;
    private static Int8PassiveLiveness int8Pipeline;

    private static Int8PassiveLiveness minMaxPipeline;

    @BeforeAll
    static void load() throws IOException {
        floatPipeline = new PassiveLiveness(Int8Fixtures.detector(), List.of(
                PretrainedMiniFasNet.load(Int8Fixtures.models().resolve(Int8Fixtures.V1SE_FILE)),
                PretrainedMiniFasNet.load(Int8Fixtures.models().resolve(Int8Fixtures.V2_FILE))));
        int8Pipeline = new Int8PassiveLiveness(Int8Fixtures.detector(), List.of(
                Int8Fixtures.quantized(Int8Fixtures.V1SE_FILE), Int8Fixtures.quantized(Int8Fixtures.V2_FILE)));
        minMaxPipeline = new Int8PassiveLiveness(Int8Fixtures.detector(), List.of(
                Int8Fixtures.quantized(Int8Fixtures.V1SE_FILE, new Calibrator.MinMax()),
                Int8Fixtures.quantized(Int8Fixtures.V2_FILE, new Calibrator.MinMax())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_F1.jpg", "image_F2.jpg", "image_T1.jpg"})
    void int8VerdictAgreesWithFloat(String name) throws IOException {
        BgrImage image = ImageDecoder.readBgr(Int8Fixtures.sample(name));
        List<FaceVerdict> expected = floatPipeline.check(image);
        assertTrue(!expected.isEmpty(), name + ": the float pipeline finds a face");
        FaceVerdict f = expected.get(0);
        float liveFloat = f.probabilities()[FaceVerdict.LIVE_CLASS];
        for (Int8PassiveLiveness pipeline : List.of(int8Pipeline, minMaxPipeline)) {
            FaceVerdict q = pipeline.judge(image, f.box());
            float liveInt8 = q.probabilities()[FaceVerdict.LIVE_CLASS];
            String how = pipeline.models().get(0).info().calibration();
            System.out.printf("%s: float label %d live %.4f | int8 (%s) label %d live %.4f%n", name, f.label(),
                    liveFloat, how, q.label(), liveInt8);
            assertEquals(f.label(), q.label(), name + " " + how + ": label");
            assertEquals(liveFloat, liveInt8, TOLERANCE, name + " " + how + ": live score");
        }
    }
}
