package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Policy files: parsing, label conditions, probabilities and seeded reproducibility. */
class PolicyTest {
    private final BgrImage image = TestImages.natural(32, 32, 5);

    @Test
    void parsesConditionsOpsProbabilitiesAndRanges() {
        Policy policy = Policy.parse("""
                # comment line
                spoof jpeg 0.5 quality=10..60   # trailing comment
                any   flip 1
                live  darken 0.25 scale=0.5
                """, "test");
        assertEquals(3, policy.steps().size());
        PolicyStep jpeg = policy.steps().get(0);
        assertEquals(LabelCondition.SPOOF, jpeg.when());
        assertEquals(0.5f, jpeg.probability());
        assertEquals(new JpegReencode(new Range(10, 60)), jpeg.op());
        assertEquals(new Darken(Range.of(0.5f), new Range(1, 1.6f)), policy.steps().get(2).op());
    }

    @Test
    void errorsNameTheSourceLineAndProblem() {
        IllegalArgumentException unknownOp = assertThrows(IllegalArgumentException.class,
                () -> Policy.parse("any flip 1\nany blurr 0.5\n", "p.txt"));
        assertTrue(unknownOp.getMessage().startsWith("p.txt:2: unknown augmentation 'blurr'"), unknownOp.getMessage());
        IllegalArgumentException unknownKey = assertThrows(IllegalArgumentException.class,
                () -> Policy.parse("spoof jpeg 0.5 qualty=3", "p.txt"));
        assertTrue(unknownKey.getMessage().contains("unknown argument(s) [qualty]"), unknownKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Policy.parse("spoof jpeg 1.5", "p.txt"));
        assertThrows(IllegalArgumentException.class, () -> Policy.parse("both flip 0.5", "p.txt"));
    }

    @Test
    void stepsApplyOnlyToMatchingLabels() {
        Policy policy = Policy.parse("spoof grey 1\nlive flip 1\n", "test");
        assertEquals("grey", policy.apply(image, Optional.empty(), true, new Rng(1)).summary());
        assertEquals("flip", policy.apply(image, Optional.empty(), false, new Rng(1)).summary());
    }

    @Test
    void probabilityIsTheFractionOfSamplesAStepFiresOn() {
        Policy policy = Policy.parse("any grey 0.3", "test");
        int fired = 0;
        Rng seeds = new Rng(9);
        for (int i = 0; i < 2000; i++) {
            fired += policy.apply(image, Optional.empty(), true, seeds.fork(i)).applied().size();
        }
        // Binomial(2000, 0.3): sd ~ 20.5; 4 sd.
        assertEquals(600, fired, 82);
    }

    @Test
    void sameSeedGivesSameBytesAndSameRecordedParameters() {
        Policy policy = Policy.defaults();
        for (long seed = 0; seed < 20; seed++) {
            Augmented a = policy.apply(image, Optional.empty(), true, new Rng(seed));
            Augmented b = policy.apply(image, Optional.empty(), true, new Rng(seed));
            assertArrayEquals(a.image().data(), b.image().data(), "seed " + seed);
            assertEquals(a.applied(), b.applied(), "seed " + seed);
        }
        Augmented x = policy.apply(image, Optional.empty(), true, new Rng(1));
        Augmented y = policy.apply(image, Optional.empty(), true, new Rng(2));
        assertNotEquals(x.applied(), y.applied(), "different seeds draw differently");
    }

    @Test
    void recordedParametersReproduceTheImage() {
        Augmented a = Policy.defaults().apply(image, Optional.empty(), true, new Rng(11));
        assertFalse(a.applied().isEmpty());
        BgrImage replay = image;
        for (AppliedOp op : a.applied()) {
            replay = op.params().apply(replay);
        }
        assertArrayEquals(a.image().data(), replay.data());
    }

    @Test
    void defaultPolicyPutsRecaptureArtefactsOnSpoofsOnly() {
        for (PolicyStep step : Policy.defaults().steps()) {
            if (step.op() instanceof JpegReencode || step.op() instanceof GaussianNoise || step.op() instanceof SensorNoise
                    || step.op() instanceof ChromaShift
                    || step.op() instanceof DownUpResize || step.op() instanceof AverageBlur || step.op() instanceof MotionBlur) {
                assertEquals(LabelCondition.SPOOF, step.when(), step.op().name());
            }
        }
    }

    @Test
    void denseTargetFollowsGeometricStepsOnly() {
        Policy policy = Policy.parse("any flip 1\nany brightness 1 factor=2", "test");
        DenseMap target = new DenseMap(32, 32, new float[32 * 32]);
        target.values()[0] = 1;
        Augmented a = policy.apply(image, Optional.of(target), false, new Rng(3));
        assertEquals(1f, a.target().orElseThrow().get(31, 0));
        assertEquals(0f, a.target().orElseThrow().get(0, 0));
    }
}
