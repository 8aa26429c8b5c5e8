package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * A Silent-Face checkpoint loaded into the multi-task model gives, on the live head, exactly the
 * logits of the same file loaded as PassiveLiveness loads it (same weights, same layers, same order
 * of operations: compared bit for bit), and the new heads are present.
 */
class SilentFaceWeightsTest {

    @ParameterizedTest
    @CsvSource({"2.7_80x80_MiniFASNetV2.pth, 2.7", "4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0"})
    void liveHeadGivesExactlyThePassiveLivenessLogits(String file, String scaleTag) throws IOException {
        PretrainedMiniFasNet reference = PretrainedMiniFasNet.load(ModelFixtures.silentFaceModel(file));
        FineTune.Start start = FineTune.fromSilentFace(ModelFixtures.silentFaceModel(file),
                ModelOptions.of(80).withSpoofTypes(2).withDepth(true), 0);
        MiniFasNetMultiTask model = start.model();
        model.eval();
        for (String image : new String[] {"F1", "F2", "T1"}) {
            Tensor crop = ModelFixtures.silentFaceCrop(image, scaleTag);
            try (Autograd.NoGrad ignored = Autograd.noGrad()) {
                float[] expected = reference.model().forward(crop).data();
                MultiTaskOutput out = model.heads(crop);
                assertArrayEquals(expected, out.live().data(), 0f, file + " on image_" + image);
                assertEquals(3, out.live().dim(1));
                assertArrayEquals(new int[] {1, 2}, out.spoofType().shape());
                assertArrayEquals(new int[] {1, 1, 10, 10}, out.fourier().shape());
            }
        }
    }
}
