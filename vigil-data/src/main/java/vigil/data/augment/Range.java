package vigil.data.augment;

import vigil.tensor.init.Rng;

/** A closed interval a parameter is drawn from; lo == hi fixes the value. Written {@code lo..hi} or {@code v}. */
public record Range(float lo, float hi) {
    public Range {
        if (!(lo <= hi) || !Float.isFinite(lo) || !Float.isFinite(hi)) {
            throw new IllegalArgumentException("range " + lo + ".." + hi + " is empty or not finite");
        }
    }

    public static Range of(float value) {
        return new Range(value, value);
    }

    /** Parses {@code 0.5..1.5} or {@code 3}. */
    public static Range parse(String text) {
        int dots = text.indexOf("..");
        try {
            if (dots < 0) {
                return of(Float.parseFloat(text));
            }
            return new Range(Float.parseFloat(text.substring(0, dots)), Float.parseFloat(text.substring(dots + 2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range '" + text + "' is not NUMBER or NUMBER..NUMBER");
        }
    }

    /** Always consumes one draw, so a fixed range does not shift the stream of later ops. */
    public float draw(Rng rng) {
        return rng.uniform(lo, hi);
    }

    /** A whole number drawn uniformly from round(lo)..round(hi), both included. */
    public int drawInt(Rng rng) {
        int a = Math.round(lo);
        int b = Math.round(hi);
        return a + rng.nextInt(b - a + 1);
    }

    public Range requireWithin(String what, float min, float max) {
        if (lo < min || hi > max) {
            throw new IllegalArgumentException(what + " range " + this + " leaves " + min + ".." + max);
        }
        return this;
    }

    @Override
    public String toString() {
        return lo == hi ? Float.toString(lo) : lo + ".." + hi;
    }
}
