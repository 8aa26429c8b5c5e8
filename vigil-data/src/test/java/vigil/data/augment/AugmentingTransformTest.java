package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import vigil.data.dataset.Sample;
import vigil.data.image.BgrImage;
import vigil.data.loader.TrainingItem;
import vigil.tensor.init.Rng;

/** The augmenting loader transform: label-conditional steps, sizes, depth target moved with the face. */
class AugmentingTransformTest {
    private final BgrImage face = TestImages.natural(20, 20, 4);

    private static Sample sample(BgrImage image, int label, BgrImage depth) {
        return new Sample("s", () -> image, label, OptionalInt.empty(),
                depth == null ? Optional.empty() : Optional.of(() -> depth), Optional.empty());
    }

    @Test
    void spoofStepsRunOnlyWhenTheLabelIsNotLive() throws Exception {
        AugmentingTransform t = new AugmentingTransform(Policy.parse("spoof grey 1", "test"), 20, 20, 1, 8, 8);
        float[] live = t.apply(sample(face, 1, null), new Rng(0)).image().data();
        float[] spoof = t.apply(sample(face, 0, null), new Rng(0)).image().data();
        assertArrayEquals(face.toTensor().data(), live);
        int plane = 20 * 20;
        assertEquals(spoof[5], spoof[plane + 5], "B == G after grey");
        assertTrue(live[5] != live[plane + 5]);
    }

    @Test
    void depthTargetIsFlippedWithTheImageAndResized() throws Exception {
        BgrImage depth = new BgrImage(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int c = 0; c < 3; c++) {
                depth.set(0, y, c, 255); // a bright left column
            }
        }
        AugmentingTransform t = new AugmentingTransform(Policy.parse("any flip 1", "test"), 10, 10, 1, 20, 20);
        TrainingItem item = t.apply(sample(face, 0, depth), new Rng(0));
        assertArrayEquals(new int[] {3, 10, 10}, item.image().shape());
        float[] target = item.target().orElseThrow().data();
        assertArrayEquals(new int[] {1, 20, 20}, item.target().orElseThrow().shape());
        assertEquals(1f, target[5 * 20 + 19], 1e-6, "the bright column is now on the right");
        assertEquals(0f, target[5 * 20], 1e-6);
    }

    @Test
    void sameRngGivesTheSameItem() throws Exception {
        AugmentingTransform t = new AugmentingTransform(Policy.defaults(), 16, 16, 1, 4, 4);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(t.apply(sample(face, 0, null), new Rng(i)).image().data(),
                    t.apply(sample(face, 0, null), new Rng(i)).image().data());
        }
    }
}
