package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

/** The causal baseline against a direct sort of the last window values. */
class RunningMedianTest {
    @Test
    void matchesTheSortedMedianOfTheLastWindow() {
        int window = 7;
        RunningMedian m = new RunningMedian(window);
        Rng rng = new Rng(3);
        float[] seen = new float[40];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = rng.nextFloat();
            float got = m.push(seen[i]);
            float[] last = Arrays.copyOfRange(seen, Math.max(0, i - window + 1), i + 1);
            Arrays.sort(last);
            int n = last.length;
            float want = n % 2 == 1 ? last[n / 2] : 0.5f * (last[n / 2 - 1] + last[n / 2]);
            assertEquals(want, got, 0f, "frame " + i);
        }
    }
}
