package vigil.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the table tools/quant/fixedpoint_reference.cc wrote with gemmlowp's fixedpoint.h and
 * TFLite's QuantizeMultiplier: every result must be identical.
 */
class FixedPointReferenceTest {
    private static final List<String[]> LINES = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (var in = FixedPointReferenceTest.class.getResourceAsStream("/fixedpoint/reference.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                LINES.add(line.trim().split(" "));
            }
        }
    }

    private static List<String[]> rows(String kind, int minimum) {
        List<String[]> out = LINES.stream().filter(l -> l[0].equals(kind)).toList();
        assertTrue(out.size() >= minimum, kind + ": only " + out.size() + " reference rows");
        return out;
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    @Test
    void saturatingRoundingDoublingHighMulMatchesGemmlowp() {
        for (String[] l : rows("srdhm", 1000)) {
            assertEquals(i(l[3]), FixedPoint.saturatingRoundingDoublingHighMul(i(l[1]), i(l[2])), String.join(" ", l));
        }
    }

    @Test
    void roundingDivideByPotMatchesGemmlowpForEveryExponent() {
        for (String[] l : rows("rdpot", 1000)) {
            assertEquals(i(l[3]), FixedPoint.roundingDivideByPOT(i(l[1]), i(l[2])), String.join(" ", l));
        }
    }

    @Test
    void quantizeMultiplierMatchesTflite() {
        for (String[] l : rows("qm", 30)) {
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(Double.parseDouble(l[1]));
            assertEquals(new FixedPoint.Multiplier(i(l[2]), i(l[3])), m, String.join(" ", l));
        }
    }

    @Test
    void multiplyByQuantizedMultiplierMatchesTflite() {
        for (String[] l : rows("mbqm", 1000)) {
            assertEquals(i(l[4]), FixedPoint.multiplyByQuantizedMultiplier(i(l[1]), i(l[2]), i(l[3])),
                    String.join(" ", l));
        }
    }
}
