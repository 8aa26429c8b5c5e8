package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

/** The sequence synthesiser: seeded, shapes as documented, labels consistent with the blink spans. */
class BlinkSequenceSynthesizerTest {
    /** A bank whose CNN reads closure exactly (p = level) and whose eyes open at EAR 0.3. */
    static EyeStateBank idealBank(int sources, int variants) {
        int levels = EyeStateBank.LEVELS.length;
        float[] p = new float[sources * 2 * levels * variants];
        for (int s = 0; s < sources; s++) {
            for (int e = 0; e < 2; e++) {
                for (int l = 0; l < levels; l++) {
                    for (int v = 0; v < variants; v++) {
                        p[EyeStateBank.index(s, e, l, v, variants)] = Math.min(0.99f, Math.max(0.01f, EyeStateBank.LEVELS[l]));
                    }
                }
            }
        }
        float[] ear = new float[sources * 2];
        java.util.Arrays.fill(ear, 0.3f);
        return new EyeStateBank(p, ear, sources, variants);
    }

    @Test
    void sameSeedGivesTheSameBatch() {
        BlinkSequenceSynthesizer s = new BlinkSequenceSynthesizer(idealBank(3, 2), 20, 40);
        BlinkSequenceSynthesizer.Batch a = s.sample(new Rng(9), 8);
        BlinkSequenceSynthesizer.Batch b = s.sample(new Rng(9), 8);
        assertArrayEquals(a.x().data(), b.x().data(), 0f);
        assertArrayEquals(a.target().data(), b.target().data(), 0f);
    }

    @Test
    void shapesFollowTheContractAndLengthsStayInRange() {
        BlinkSequenceSynthesizer s = new BlinkSequenceSynthesizer(idealBank(3, 2), 20, 40);
        Rng rng = new Rng(4);
        for (int k = 0; k < 10; k++) {
            BlinkSequenceSynthesizer.Batch b = s.sample(rng, 5);
            int[] shape = b.x().shape();
            assertEquals(5, shape[0]);
            assertTrue(shape[1] >= 20 && shape[1] <= 40, "length " + shape[1]);
            assertEquals(BlinkFeatures.SIZE, shape[2]);
            assertArrayEquals(new int[] {5, shape[1], 1}, b.target().shape());
        }
    }

    @Test
    void targetIsOneExactlyOnTheReportedBlinkSpansAndTheyLastAtMostHalfASecond() {
        BlinkSequenceSynthesizer s = new BlinkSequenceSynthesizer(idealBank(2, 2), 40, 96);
        Rng rng = new Rng(5);
        int spans = 0;
        for (int k = 0; k < 20; k++) {
            BlinkSequenceSynthesizer.Batch b = s.sample(rng, 8);
            int frames = b.x().shape()[1];
            float[] y = b.target().data();
            for (int i = 0; i < 8; i++) {
                float[] fromSpans = new float[frames];
                for (int[] sp : b.blinks().get(i)) {
                    spans++;
                    for (int t = sp[0]; t <= sp[1]; t++) {
                        fromSpans[t] = 1f;
                    }
                    // a synthetic blink lasts at most 0.45 s, so its closed frames lie within that time
                    assertTrue(b.times()[i][sp[1]] - b.times()[i][sp[0]] <= 0.45, "span too long");
                }
                assertArrayEquals(fromSpans, java.util.Arrays.copyOfRange(y, i * frames, (i + 1) * frames), 0f);
            }
        }
        assertTrue(spans > 20, "too few blinks drawn to test: " + spans);
    }

    @Test
    void eyesClosedFromTheFirstFrameOnAreDrawnAndNeverTargetedAsABlink() {
        // A photo of closed eyes held to the camera: closed at frame 0 and on average over the sequence.
        // Such sequences must occur (the still-photo share) and carry no blink target (no eye ever opens).
        BlinkSequenceSynthesizer s = new BlinkSequenceSynthesizer(idealBank(4, 2), 24, 48);
        Rng rng = new Rng(21);
        int closedStills = 0;
        for (int round = 0; round < 25; round++) {
            BlinkSequenceSynthesizer.Batch b = s.sample(rng, 16);
            int frames = b.x().shape()[1];
            float[] x = b.x().data();
            float[] y = b.target().data();
            for (int i = 0; i < 16; i++) {
                int first = i * frames * BlinkFeatures.SIZE;
                double meanL = 0;
                double meanR = 0;
                for (int k = 0; k < frames; k++) {
                    meanL += x[first + k * BlinkFeatures.SIZE] / frames;
                    meanR += x[first + k * BlinkFeatures.SIZE + 1] / frames;
                }
                if (x[first] > 0.5f && x[first + 1] > 0.5f && meanL > 0.5 && meanR > 0.5) {
                    closedStills++;
                    for (int k = 0; k < frames; k++) {
                        assertEquals(0f, y[i * frames + k], "sequence closed from the start has a blink target at " + k);
                    }
                }
            }
        }
        assertTrue(closedStills > 0, "no sequence showed eyes closed from the first frame");
    }

    @Test
    void timestampsIncreaseAndFrameRatesStayBetween8And30() {
        BlinkSequenceSynthesizer.Batch b = new BlinkSequenceSynthesizer(idealBank(1, 1), 30, 30).sample(new Rng(6), 50);
        for (double[] t : b.times()) {
            double minGap = Double.MAX_VALUE;
            for (int k = 1; k < t.length; k++) {
                assertTrue(t[k] > t[k - 1]);
                minGap = Math.min(minGap, t[k] - t[k - 1]);
            }
            assertTrue(minGap >= 1 / 30.0 - 1e-9 && minGap <= 1 / 8.0 + 1e-9, "nominal period " + minGap);
        }
    }
}
