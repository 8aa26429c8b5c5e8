package vigil.face.landmark;

/** A face box in image pixels (sub-pixel, as the detector decodes it) with the detector's score. */
public record ScoredBox(float x, float y, float width, float height, float score) {
}
