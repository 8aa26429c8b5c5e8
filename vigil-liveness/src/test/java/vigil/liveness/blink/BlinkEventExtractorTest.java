package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event extraction against hand-worked sequences: hysteresis, span, peak, durations in seconds. */
class BlinkEventExtractorTest {
    private static final BlinkEventExtractor.Thresholds T = BlinkEventExtractor.Thresholds.DEFAULT; // 0.5 / 0.3, 0.05-0.8 s

    private static List<BlinkEvent> run(float[] p, double fps) {
        BlinkEventExtractor ex = new BlinkEventExtractor(T);
        List<BlinkEvent> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            ex.accept(i, i / fps, p[i]).ifPresent(out::add);
        }
        ex.finish().ifPresent(out::add);
        return out;
    }

    @Test
    void eventSpansTheFramesAboveHighAndPeaksAtTheMaximum() {
        float[] p = {0.1f, 0.35f, 0.6f, 0.9f, 0.7f, 0.4f, 0.1f, 0.1f};
        List<BlinkEvent> e = run(p, 15);
        assertEquals(1, e.size());
        assertEquals(2, e.get(0).start());
        assertEquals(4, e.get(0).end());
        assertEquals(3, e.get(0).peak());
        assertEquals(3 / 15.0, e.get(0).peakSeconds(), 1e-12);
        assertEquals(0.9f, e.get(0).peakClosure());
    }

    @Test
    void flickerBetweenThresholdsDoesNotSplitABlink() {
        // 0.4 lies between low (0.3) and high (0.5): the event stays open and continues at frame 4
        float[] p = {0f, 0.8f, 0.4f, 0.45f, 0.9f, 0.1f};
        List<BlinkEvent> e = run(p, 15);
        assertEquals(1, e.size());
        assertEquals(1, e.get(0).start());
        assertEquals(4, e.get(0).end());
    }

    @Test
    void dropBelowLowSplitsTwoBlinks() {
        float[] p = {0f, 0.8f, 0.2f, 0.9f, 0.1f};
        assertEquals(2, run(p, 15).size());
    }

    @Test
    void maximumDurationIsInSecondsNotFrames() {
        // 10 closed frames: 0.33 s at 30 fps is a blink, 1.0 s at 10 fps is a deliberate closure (> 0.8 s)
        float[] p = new float[14];
        for (int i = 2; i < 12; i++) {
            p[i] = 0.9f;
        }
        assertEquals(1, run(p, 30).size());
        assertEquals(0, run(p, 10).size());
    }

    @Test
    void minimumDurationRejectsASingleFrameAtHighFrameRate() {
        // one frame: 1/15 s = 0.067 s >= 0.05 s counts; 1/60 s = 0.017 s does not
        float[] p = {0f, 0f, 0.9f, 0f, 0f};
        assertEquals(1, run(p, 15).size());
        assertEquals(0, run(p, 60).size());
    }

    @Test
    void blinkOpenAtTheEndIsClosedByFinish() {
        float[] p = {0f, 0f, 0.7f, 0.9f};
        List<BlinkEvent> e = run(p, 15);
        assertEquals(1, e.size());
        assertEquals(3, e.get(0).end());
    }

    @Test
    void outOfOrderTimestampsAreRejected() {
        BlinkEventExtractor ex = new BlinkEventExtractor(T);
        ex.accept(0, 0.5, 0f);
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class, () -> ex.accept(1, 0.5, 0f));
        assertTrue(err.getMessage().contains("increasing timestamps"), err.getMessage());
    }
}
