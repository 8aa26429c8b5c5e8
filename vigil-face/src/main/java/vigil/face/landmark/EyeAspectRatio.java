package vigil.face.landmark;

/**
 * Eye aspect ratio (Soukupova and Cech, 2016): {@code (|p2-p6| + |p3-p5|) / (2 |p1-p4|)} over the six
 * eye landmarks p1..p6 (corner, upper lid, upper lid, corner, lower lid, lower lid). About 0.25-0.35
 * for an open eye, near 0 for a closed one; it does not depend on the eye's size, position or roll.
 */
public final class EyeAspectRatio {
    private EyeAspectRatio() {
    }

    /** sixPoints: {@code x1, y1, ..., x6, y6} as returned by {@link FaceLandmarks#leftEye()}. */
    public static float of(float[] sixPoints) {
        if (sixPoints.length != 12) {
            throw new IllegalArgumentException("eye aspect ratio needs 6 points (12 floats), got " + sixPoints.length);
        }
        double vertical = distance(sixPoints, 1, 5) + distance(sixPoints, 2, 4);
        double horizontal = distance(sixPoints, 0, 3);
        if (horizontal == 0) {
            throw new IllegalArgumentException("eye aspect ratio: the eye corners p1 and p4 coincide");
        }
        return (float) (vertical / (2 * horizontal));
    }

    /** Mean of both eyes' ratios, the usual per-frame blink signal. */
    public static float mean(FaceLandmarks face) {
        return (of(face.leftEye()) + of(face.rightEye())) / 2f;
    }

    private static double distance(float[] p, int a, int b) {
        return Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
    }
}
