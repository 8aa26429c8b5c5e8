package vigil.face.landmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {
    @Test
    void overlapAboveThresholdKeepsOnlyTheBestBox() {
        // IoU of [0,10]^2 and [1,11]x[0,10] = 90 / 110 = 0.82 > 0.4.
        List<double[]> boxes = List.of(new double[] {0, 0, 10, 10, 0.6}, new double[] {1, 0, 11, 10, 0.9});
        assertEquals(List.of(1), NonMaxSuppression.keep(boxes, 0.4));
    }

    @Test
    void overlapAtOrBelowThresholdKeepsBothBestFirst() {
        // IoU of [0,10]^2 and [5,15]x[0,10] = 50 / 150 = 1/3 <= 0.4.
        List<double[]> boxes = List.of(new double[] {0, 0, 10, 10, 0.6}, new double[] {5, 0, 15, 10, 0.9});
        assertEquals(List.of(1, 0), NonMaxSuppression.keep(boxes, 0.4));
    }

    @Test
    void iouOfKnownBoxes() {
        assertEquals(1.0 / 3, NonMaxSuppression.iou(new double[] {0, 0, 10, 10}, new double[] {5, 0, 15, 10}), 1e-12);
    }
}
