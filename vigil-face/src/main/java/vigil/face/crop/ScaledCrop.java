package vigil.face.crop;

import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;

/**
 * The Silent-Face crop rule: a face box grown by a scale around its centre, shifted to lie inside
 * the image. Bounds are inclusive pixel indices, as the reference slices
 * {@code img[y1:y2+1, x1:x2+1]}.
 *
 * <p>Given box (x, y, w, h) in pixels, an image W x H and a scale s (2.7 or 4.0 for the two
 * models): s = min((H-1)/h, (W-1)/w, s), so the grown box always fits; the box of size
 * (w*s, h*s) is centred on (x + w/2, y + h/2); a box that leaves the image on the left/top is
 * moved right/down, then one past column W-1 / row H-1 is moved left/up; each corner is then
 * truncated toward zero. All arithmetic is in doubles, in the reference's order, so the bounds
 * equal Python's to the pixel. For a 3:4 portrait image the clamp makes scales 2.7 and 4.0 give
 * the same crop, as in the reference.
 */
public record ScaledCrop(int x1, int y1, int x2, int y2) {

    public ScaledCrop {
        if (x1 < 0 || y1 < 0 || x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("ScaledCrop: bounds [" + x1 + ".." + x2 + "] x [" + y1 + ".." + y2 + "] are empty or negative");
        }
    }

    /** The crop of box (boxX, boxY, boxW, boxH) grown by scale inside an imageW x imageH image. */
    public static ScaledCrop of(int boxX, int boxY, int boxW, int boxH, int imageW, int imageH, double scale) {
        if (boxW <= 0 || boxH <= 0 || imageW <= 0 || imageH <= 0 || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("ScaledCrop.of: box " + boxW + "x" + boxH + " in image " + imageW + "x"
                    + imageH + " at scale " + scale + " (sizes and scale must be positive)");
        }
        double s = Math.min((double) (imageH - 1) / boxH, Math.min((double) (imageW - 1) / boxW, scale));
        double newW = boxW * s;
        double newH = boxH * s;
        double centreX = boxW / 2.0 + boxX;
        double centreY = boxH / 2.0 + boxY;

        double left = centreX - newW / 2;
        double top = centreY - newH / 2;
        double right = centreX + newW / 2;
        double bottom = centreY + newH / 2;
        if (left < 0) {
            right -= left;
            left = 0;
        }
        if (top < 0) {
            bottom -= top;
            top = 0;
        }
        if (right > imageW - 1) {
            left -= right - imageW + 1;
            right = imageW - 1;
        }
        if (bottom > imageH - 1) {
            top -= bottom - imageH + 1;
            bottom = imageH - 1;
        }
        // Python's int() truncates toward zero, as Java's cast does. The clamp to 0 only absorbs
        // rounding residue (e.g. -1e-15) that int() also maps to 0; the scale clamp keeps the rest inside.
        return new ScaledCrop(Math.max(0, (int) left), Math.max(0, (int) top), (int) right, (int) bottom);
    }

    public int width() {
        return x2 - x1 + 1;
    }

    public int height() {
        return y2 - y1 + 1;
    }

    /** The cropped pixels (a copy). */
    public BgrImage cropFrom(BgrImage image) {
        return image.crop(x1, y1, x2, y2);
    }

    /** The crop resized as the reference feeds its models: cv2.resize INTER_LINEAR to outW x outH. */
    public BgrImage cropAndResize(BgrImage image, int outW, int outH) {
        return OpenCvResize.linear(cropFrom(image), outW, outH);
    }
}
