package vigil.liveness.bench;

import vigil.data.image.BgrImage;
import vigil.face.landmark.AlignedFaceCrop;
import vigil.tensor.init.Rng;

/**
 * The aligned capture (crop: aligned): a similarity transform puts the eye centres on one horizontal
 * row at fixed places of the size x size capture, with about the context of a 2.7 box crop.
 *
 * <p>The mapping (pixel (i, j) centred at (i, j); c = (size - 1) / 2):
 * <pre>
 *   D = size * EYES_PER_BOX / CONTEXT        eye distance in the output: size / 7.2 (22.22 px at 160)
 *   left eye  -> (c - D/2, c - EYE_LIFT * D) (68.39, 67.06) at 160
 *   right eye -> (c + D/2, c - EYE_LIFT * D) (90.61, 67.06) at 160
 * </pre>
 * Both constants were measured on the benchmark's 40 faces (default sources, SSD at 0.6, min_face 24,
 * face-api's full landmark net on the SSD box): the eye-centre distance is 0.375 box widths (mean 0.3765,
 * median 0.3746, range 0.25..0.43) and the eye midpoint sits 0.21 box widths above the box centre (mean
 * 0.2097) and on it horizontally (mean -0.006). So an aligned capture spans what a box crop at scale 2.7
 * spans around an average face (2.7 / 0.375 = 7.2 eye distances), with the eyes 0.21 / 0.375 = 0.56 eye
 * distances above the centre, where they sit on average in a 2.7 box crop. (Box crops of small frames are
 * tighter than 2.7: ScaledCrop caps the scale at what fits the frame; aligned crops repeat the border.)
 * Live variants are jittered like box crops: the face scaled by 1/s, s in [0.92, 1.08], and shifted by up
 * to 6% of the equivalent box width (size / 2.7) each way.
 */
public final class AlignedCapture {
    public static final double CONTEXT = 2.7;
    public static final double EYES_PER_BOX = 0.375;
    public static final double EYE_LIFT = 0.56;
    /** Goes into benchmark.json, so a build with other constants is not mistaken for this one. */
    public static final String GEOMETRY = "eye distance size*" + EYES_PER_BOX + "/" + CONTEXT + ", eye row centre-"
            + EYE_LIFT + "*distance";

    private AlignedCapture() {
    }

    /** eyes: {leftX, leftY, rightX, rightY} in frame pixels; jitter null for the un-jittered capture. */
    public static BgrImage crop(BgrImage frame, double[] eyes, int size, Rng jitter) {
        double distance = size * EYES_PER_BOX / CONTEXT;
        double midX = (size - 1) / 2.0;
        double eyeY = (size - 1) / 2.0 - EYE_LIFT * distance;
        if (jitter != null) {
            // Same draws, in the same order, as the box jitter: scale, then x and y shifts.
            double s = 1 + jitter.uniform(-0.08f, 0.08f);
            double boxWidth = size / CONTEXT;
            // A box moved right by dx shows the face moved left by dx in the crop.
            midX -= jitter.uniform(-0.06f, 0.06f) * boxWidth;
            eyeY -= jitter.uniform(-0.06f, 0.06f) * boxWidth;
            distance /= s;
        }
        return AlignedFaceCrop.crop(frame, new double[] {eyes[0], eyes[1]}, new double[] {eyes[2], eyes[3]}, size,
                midX - distance / 2, midX + distance / 2, eyeY);
    }
}
