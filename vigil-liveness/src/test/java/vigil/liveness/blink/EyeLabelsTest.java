package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hand labels of training eyes: the text format, the lookup by file, face and eye, and the shipped file. */
class EyeLabelsTest {
    private static final int N = EyeStateCnn.CROP * EyeStateCnn.CROP;

    private static EyeSource source(String origin) {
        return new EyeSource(new EyeObservation(new float[N], new float[N], 0.3f, 0.3f), origin);
    }

    @Test
    void labelledEyeHasItsStateAndEveryOtherEyeIsOpen() throws IOException {
        EyeLabels labels = EyeLabels.parse("""
                # comment
                a.jpg   1  left   closed    lids shut
                b.png   0  right  unusable  sunglasses
                """, "test");
        assertEquals(2, labels.size());
        assertEquals(EyeLabels.State.CLOSED, labels.state(source("/data/photos/a.jpg#face1"), true));
        assertEquals(EyeLabels.State.OPEN, labels.state(source("/data/photos/a.jpg#face1"), false));
        assertEquals(EyeLabels.State.OPEN, labels.state(source("/data/photos/a.jpg#face0"), true));
        assertEquals(EyeLabels.State.UNUSABLE, labels.state(source("b.png#face0"), false));
        // a video frame is never matched, even when the video's file name is labelled
        assertEquals(EyeLabels.State.OPEN, labels.state(source("/v/a.jpg#frame3#face1"), true));
    }

    @Test
    void malformedLineFailsNamingTheLine() {
        IOException e = assertThrows(IOException.class, () -> EyeLabels.parse("a.jpg 0 left closed\na.jpg x left closed\n",
                "labels.txt"));
        assertTrue(e.getMessage().contains("labels.txt line 2"), e.getMessage());
    }

    @Test
    void eyeLabelledTwiceFails() {
        IOException e = assertThrows(IOException.class, () -> EyeLabels.parse("a.jpg 0 left closed\na.jpg 0 left unusable\n",
                "labels.txt"));
        assertTrue(e.getMessage().contains("labelled twice"), e.getMessage());
    }

    @Test
    void shippedLabelsHoldOneEntryPerLabelLine() throws IOException {
        String text;
        try (InputStream in = EyeLabels.class.getResourceAsStream("/vigil/liveness/blink/eye-labels.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertEquals(lines, EyeLabels.shipped().size());
    }
}
