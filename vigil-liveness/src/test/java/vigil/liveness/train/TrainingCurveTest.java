package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The curve is a pure function of the log rows. */
class TrainingCurveTest {
    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("step", 10, "train_loss", 0.9, "val_loss", 0.8, "val_accuracy", 0.6),
            Map.of("step", 20, "train_loss", 0.5, "val_loss", 0.6, "val_accuracy", 0.8),
            Map.of("step", 30, "train_loss", 0.2, "val_loss", 0.4, "val_accuracy", 0.9));

    @Test
    void sameRowsGiveTheSamePixels() {
        assertArrayEquals(pixels(TrainingCurve.draw(ROWS, "val_accuracy")), pixels(TrainingCurve.draw(ROWS, "val_accuracy")));
    }

    @Test
    void seriesEndpointsAreDrawnInTheirColours() {
        BufferedImage image = TrainingCurve.draw(ROWS, "val_accuracy");
        // Top panel spans y 12..228; the first train loss is the maximum of both series (top left corner).
        assertEquals(0x1f77b4, image.getRGB(24, 12) & 0xffffff);
        // Bottom panel: the last accuracy is its maximum (top right corner of the panel).
        assertEquals(0x2ca02c, image.getRGB(616, 252) & 0xffffff);
        assertNotEquals(pixels(image)[0], 0x1f77b4);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
