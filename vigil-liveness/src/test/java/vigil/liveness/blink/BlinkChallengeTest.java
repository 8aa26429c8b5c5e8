package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Blink N times within T seconds", judged on peak times relative to the challenge start. */
class BlinkChallengeTest {
    private static BlinkEvent at(double seconds) {
        return new BlinkEvent(0, 0, 0, seconds, seconds, seconds, 0.9f);
    }

    @Test
    void passesWhenEnoughBlinksPeakInsideTheWindow() {
        BlinkChallenge.Result r = new BlinkChallenge(2, 3.0).evaluate(List.of(at(1.0), at(2.5), at(4.0)), 0.5);
        assertTrue(r.passed());
        assertEquals(List.of(at(1.0), at(2.5)), r.counted());
    }

    @Test
    void failsWhenBlinksComeTooLateAndSaysHowManyCounted() {
        BlinkChallenge.Result r = new BlinkChallenge(2, 3.0).evaluate(List.of(at(1.0), at(3.6)), 0.5);
        assertFalse(r.passed());
        assertEquals(1, r.counted().size());
        assertTrue(r.reason().contains("only 1"), r.reason());
    }

    @Test
    void blinksBeforeTheStartDoNotCount() {
        assertFalse(new BlinkChallenge(1, 2.0).evaluate(List.of(at(0.2)), 1.0).passed());
    }

    @Test
    void rejectsAnEmptyChallenge() {
        assertThrows(IllegalArgumentException.class, () -> new BlinkChallenge(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BlinkChallenge(1, 0.0));
    }
}
