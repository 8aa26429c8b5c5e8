package vigil.tensor.init;

/**
 * A small, seedable, splittable random generator (SplitMix64). Everything random in Vigil draws
 * from one of these, derived from the run's seed, so results do not depend on thread count or on
 * the order threads run in: a worker forks its own stream with {@link #fork(long)}.
 */
public final class Rng {
    private long state;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits, exactly representable as a float. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public float uniform(float lo, float hi) {
        return lo + (hi - lo) * nextFloat();
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = Long.remainderUnsigned(-1L, bound);
        long r;
        do {
            r = nextLong();
        } while (Long.compareUnsigned(r, -1L - limit) > 0);
        return (int) Long.remainderUnsigned(r, bound);
    }

    /** Standard normal (Box-Muller, both values used). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** An independent generator for a sub-stream (a worker, a layer, an epoch). */
    public Rng fork(long stream) {
        Rng mixer = new Rng(state ^ (stream * 0xD1B54A32D192ED03L));
        return new Rng(mixer.nextLong());
    }

    /** In-place Fisher-Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
