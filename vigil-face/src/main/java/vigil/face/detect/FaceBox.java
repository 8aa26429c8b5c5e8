package vigil.face.detect;

/** A detected face: box in pixels of the original image (x, y, width, height) and the detector's confidence. */
public record FaceBox(int x, int y, int width, int height, float confidence) {
}
