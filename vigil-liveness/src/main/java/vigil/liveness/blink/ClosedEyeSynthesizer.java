package vigil.liveness.blink;

import vigil.tensor.init.Rng;

/**
 * Makes a closed or partly closed eye from an open one, because no eye-state dataset is
 * available here: the upper lid is drawn down over the eye opening. Between the lid's resting
 * line and its new position, pixels become skin (a vertical blend of the skin just above and
 * just below the opening, so lighting gradients survive; the skin above is a median over three
 * rows, so a glasses rim along the eye stays where it is instead of darkening the lid); a dark
 * lash line follows the lid edge.
 * A closure of 1 covers the whole opening and leaves only the lash line, a closure of 0.4 is a
 * squint, 0 returns the crop unchanged.
 *
 * <p>Geometry: the aligned crop puts the eye corners at {@code cornerMargin * size} from the left
 * and right edges on the middle row (as the landmark crop does); the opening is modelled as an
 * ellipse between the corners whose height follows the eye aspect ratio.
 */
public final class ClosedEyeSynthesizer {
    private final int size;
    private final float cornerMargin;

    public ClosedEyeSynthesizer(int size, float cornerMargin) {
        if (size < 8 || !(cornerMargin >= 0 && cornerMargin < 0.45f)) {
            throw new IllegalArgumentException("closed-eye synthesis needs size >= 8 and a corner margin in [0, 0.45),"
                    + " got " + size + " and " + cornerMargin);
        }
        this.size = size;
        this.cornerMargin = cornerMargin;
    }

    /**
     * Returns a copy of crop (size*size grey in [0,1]) with the lid lowered by closure in [0, 1];
     * ear is the open eye's aspect ratio (sets the opening's height); rng varies the lid shape.
     */
    public float[] close(float[] crop, float closure, float ear, Rng rng) {
        if (crop.length != size * size) {
            throw new IllegalArgumentException("crop has " + crop.length + " values, expected " + size * size);
        }
        float[] out = crop.clone();
        if (closure <= 0) {
            return out;
        }
        float c = Math.min(1f, closure);
        float cx = size / 2f + rng.uniform(-0.7f, 0.7f);
        float cy = size / 2f + rng.uniform(-0.7f, 0.7f);
        float halfWidth = (0.5f - cornerMargin) * size * rng.uniform(0.95f, 1.15f);
        float opening = Math.max(0.18f, Math.min(0.45f, ear)) * 2 * halfWidth * rng.uniform(1.1f, 1.5f);
        float upper = 0.6f * opening;
        float lower = 0.4f * opening;
        float lash = rng.uniform(0.15f, 0.55f) * c;
        float lidSag = rng.uniform(-0.15f, 0.25f); // closed lids curve down (positive) or lie flat
        for (int x = 0; x < size; x++) {
            float u = (x + 0.5f - cx) / halfWidth;
            if (Math.abs(u) >= 1) {
                continue;
            }
            float e = (float) Math.sqrt(1 - u * u);
            float top = cy - upper * e;
            float bottom = cy + lower * e;
            float lid = top + c * (bottom - top) + lidSag * lower * e * c;
            // Skin above the opening: the median of three rows, so that a thin glasses rim or a lash
            // shadow lying just above the eye does not become the colour of the whole lid.
            float above = median(sample(crop, x, top - 1.5f), sample(crop, x, top - 2.5f), sample(crop, x, top - 3.5f));
            float below = sample(crop, x, bottom + 1.5f);
            for (int y = 0; y < size; y++) {
                float yc = y + 0.5f;
                // fraction of this pixel covered by the lid (soft edges keep the result anti-aliased)
                float cover = clamp01(Math.min(yc - top + 0.5f, lid - yc + 0.5f));
                if (cover > 0) {
                    float t = clamp01((yc - top) / Math.max(1f, bottom - top));
                    float skin = above + t * (below - above) + (float) (0.01 * rng.nextGaussian());
                    out[y * size + x] = (1 - cover) * out[y * size + x] + cover * skin;
                }
                float d = (yc - lid) / 0.8f;
                float darken = lash * e * (float) Math.exp(-d * d);
                out[y * size + x] *= 1 - darken;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp01(out[i]);
        }
        return out;
    }

    private float sample(float[] crop, int x, float y) {
        int yi = Math.max(0, Math.min(size - 1, Math.round(y)));
        return crop[yi * size + x];
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
