package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A cut photo, as in cut-photo attacks: holes cut at the eyes, through which what lies behind the paper
 * shows (the attacker's own eyes, a little offset by the paper's distance and in its shadow), each ringed
 * by the light line of the cut paper edge; and sometimes the paper cut around the face, so that outside
 * an oval the real background shows. Geometry is in fractions of the image (a centred face crop puts the
 * eyes about 0.4 of the way down); all parameters are drawn per sample and recorded in {@link Params}.
 */
public record PaperCutout(Range eyeHeight, Range eyeSpacing, Range holeWidth, Range parallax, Range shade,
                          Range rim, Range outline, Range outlineWidth) implements AugmentOp {
    /** The light grey of a cut paper edge (the paper's core shows where the blade went through). */
    static final int EDGE = 245;

    public PaperCutout {
        eyeHeight.requireWithin("eye height", 0.1f, 0.9f);
        eyeSpacing.requireWithin("eye spacing", 0.05f, 0.8f);
        holeWidth.requireWithin("hole width", 0.01f, 0.3f);
        parallax.requireWithin("parallax", -0.2f, 0.2f);
        shade.requireWithin("shade behind the paper", 0, 1);
        rim.requireWithin("cut edge width", 0, 8);
        outline.requireWithin("outline chance", 0, 1);
        outlineWidth.requireWithin("outline oval half-width", 0.2f, 0.7f);
    }

    public static PaperCutout fromArgs(OpArgs args) {
        return new PaperCutout(args.range("eye_y", new Range(0.36f, 0.46f)), args.range("spacing", new Range(0.24f, 0.34f)),
                args.range("hole", new Range(0.05f, 0.09f)), args.range("parallax", new Range(-0.03f, 0.03f)),
                args.range("shade", new Range(0.55f, 0.9f)), args.range("rim", new Range(0.5f, 1.5f)),
                args.range("outline", Range.of(0.5f)), args.range("oval", new Range(0.3f, 0.42f)));
    }

    @Override
    public String name() {
        return "paper_cutout";
    }

    @Override
    public Params draw(Rng rng) {
        float eyeY = eyeHeight.draw(rng);
        float spacing = eyeSpacing.draw(rng);
        float centre = 0.5f + rng.uniform(-0.03f, 0.03f);
        float rx = holeWidth.draw(rng);
        float ry = rx * rng.uniform(0.5f, 0.8f);
        boolean cutAround = rng.nextFloat() < outline.draw(rng);
        float ovalX = outlineWidth.draw(rng);
        return new Params(centre - spacing / 2, centre + spacing / 2, eyeY, rx, ry, parallax.draw(rng), parallax.draw(rng),
                shade.draw(rng), rim.draw(rng), cutAround, ovalX, ovalX * rng.uniform(1.15f, 1.35f),
                rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    /**
     * leftX, rightX, eyeY: hole centres (fractions of width, width, height); holeRx, holeRy: hole
     * half-axes (fractions of width); parallaxX, parallaxY: how far the scene behind is shifted
     * (fractions of width, rounded to whole pixels); shade: its brightness factor; rim: cut edge
     * width in pixels; outline: whether the paper is cut around the face, along an oval centred in the
     * image with half-axes ovalRx (of width) and ovalRy (of height); backgroundB/G/R: what lies outside it.
     */
    public record Params(float leftX, float rightX, float eyeY, float holeRx, float holeRy, float parallaxX,
                         float parallaxY, float shade, float rim, boolean outline, float ovalRx, float ovalRy,
                         int backgroundB, int backgroundG, int backgroundR) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            byte[] out = in.clone();
            int shiftX = Math.round(parallaxX * w);
            int shiftY = Math.round(parallaxY * w);
            float rx = holeRx * w;
            float ry = holeRy * w;
            float cy = eyeY * h;
            byte[] background = {(byte) backgroundB, (byte) backgroundG, (byte) backgroundR};
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (y * w + x) * 3;
                    // Pixel centres at (x + 0.5, y + 0.5) in the fractional geometry.
                    float px = x + 0.5f;
                    float py = y + 0.5f;
                    if (outline) {
                        float ox = ovalRx * w;
                        float oy = ovalRy * h;
                        float e = ellipse(px - w / 2f, py - h / 2f, ox, oy);
                        if (e >= 1) {
                            System.arraycopy(background, 0, out, p, 3);
                            continue;
                        }
                        if (ellipse(px - w / 2f, py - h / 2f, ox - rim, oy - rim) >= 1) {
                            edge(out, p);
                            continue;
                        }
                    }
                    // Each pixel belongs to the nearer hole (they meet only if spacing < 2 * (hole + rim)).
                    float cx = px < (leftX + rightX) * w / 2 ? leftX * w : rightX * w;
                    if (ellipse(px - cx, py - cy, rx, ry) < 1) {
                        // Behind the hole: the scene shifted by the parallax, in the paper's shadow.
                        int sx = Math.max(0, Math.min(w - 1, x - shiftX));
                        int sy = Math.max(0, Math.min(h - 1, y - shiftY));
                        int s = (sy * w + sx) * 3;
                        for (int c = 0; c < 3; c++) {
                            out[p + c] = (byte) Math.round(shade * (in[s + c] & 0xff));
                        }
                    } else if (ellipse(px - cx, py - cy, rx + rim, ry + rim) < 1) {
                        edge(out, p);
                    }
                }
            }
            return new BgrImage(w, h, out);
        }

        private static float ellipse(float dx, float dy, float rx, float ry) {
            if (rx <= 0 || ry <= 0) {
                return Float.POSITIVE_INFINITY;
            }
            return (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry);
        }

        private static void edge(byte[] out, int p) {
            out[p] = (byte) EDGE;
            out[p + 1] = (byte) EDGE;
            out[p + 2] = (byte) EDGE;
        }
    }
}
