package vigil.face.landmark;

import java.util.Arrays;
import vigil.face.detect.FaceBox;

/**
 * One face found by {@link FaceLandmarker}: the detector's box (image pixels, sub-pixel floats) and
 * score, and the 68 landmark points in image pixels, interleaved {@code x0, y0, x1, y1, ...}, in the
 * iBUG 300-W order (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67).
 *
 * <p>Eyes follow face-api's naming: {@link #leftEye()} is points 36-41, the eye on the left of the
 * image (the subject's right eye); {@link #rightEye()} is points 42-47. Each eye's six points run
 * outer-or-inner corner first (p1), along the upper lid (p2, p3), the other corner (p4), back along
 * the lower lid (p5, p6), which is the order {@link EyeAspectRatio#of} expects.
 */
public record FaceLandmarks(float x, float y, float width, float height, float score, float[] points) {
    public static final int POINTS = 68;
    public static final int LEFT_EYE_FIRST = 36;
    public static final int RIGHT_EYE_FIRST = 42;

    public FaceLandmarks {
        if (points == null || points.length != POINTS * 2) {
            throw new IllegalArgumentException("FaceLandmarks needs " + POINTS * 2 + " coordinates, got "
                    + (points == null ? "null" : points.length));
        }
    }

    public float pointX(int i) {
        return points[2 * i];
    }

    public float pointY(int i) {
        return points[2 * i + 1];
    }

    /** Points 36-41 as {@code x1, y1, ..., x6, y6} (a copy). */
    public float[] leftEye() {
        return Arrays.copyOfRange(points, 2 * LEFT_EYE_FIRST, 2 * LEFT_EYE_FIRST + 12);
    }

    /** Points 42-47 as {@code x1, y1, ..., x6, y6} (a copy). */
    public float[] rightEye() {
        return Arrays.copyOfRange(points, 2 * RIGHT_EYE_FIRST, 2 * RIGHT_EYE_FIRST + 12);
    }

    /** The box in whole pixels (corner truncated, size rounded), for code that takes a {@link FaceBox}. */
    public FaceBox toFaceBox() {
        return new FaceBox((int) x, (int) y, Math.round(width), Math.round(height), score);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceLandmarks f && f.x == x && f.y == y && f.width == width && f.height == height
                && f.score == score && Arrays.equals(f.points, points);
    }

    @Override
    public int hashCode() {
        return 31 * Float.hashCode(x + y + width + height) + Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return String.format("FaceLandmarks[box=(%.1f, %.1f, %.1f, %.1f), score=%.3f]", x, y, width, height, score);
    }
}
