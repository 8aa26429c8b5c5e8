package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A perspective (projective) distortion, image and target together: each corner of the output
 * reads the source at that corner moved by up to {@code shift} of the image size, as when the
 * face, print or screen is seen a little from the side. Straight lines stay straight.
 */
public record Perspective(Range shift) implements AugmentOp {
    public Perspective {
        shift.requireWithin("perspective shift", 0, 0.3f);
    }

    public static Perspective fromArgs(OpArgs args) {
        return new Perspective(args.range("shift", new Range(0, 0.08f)));
    }

    @Override
    public String name() {
        return "perspective";
    }

    @Override
    public Params draw(Rng rng) {
        float[] d = new float[8];
        for (int i = 0; i < 8; i++) {
            d[i] = shift.draw(rng) * (rng.nextFloat() < 0.5f ? -1 : 1);
        }
        return new Params(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
    }

    /**
     * Corner moves as fractions of width (x) and height (y), corners in the order top-left,
     * top-right, bottom-right, bottom-left: output corner i reads the source at corner i + (xi W, yi H).
     */
    public record Params(float x0, float y0, float x1, float y1, float x2, float y2, float x3, float y3)
            implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            return map(image.width(), image.height()).apply(image, image.width(), image.height());
        }

        @Override
        public DenseMap applyToTarget(DenseMap target) {
            return map(target.width(), target.height()).apply(target, target.width(), target.height());
        }

        WarpSampler map(int width, int height) {
            double r = width - 1;
            double b = height - 1;
            double[][] from = {{0, 0}, {r, 0}, {r, b}, {0, b}};
            float[] moves = {x0, y0, x1, y1, x2, y2, x3, y3};
            // Two equations per corner in the 8 unknowns a..h of WarpSampler:
            // a x + b y + c - g x u - h y u = u and d x + e y + f - g x v - h y v = v.
            double[][] m = new double[8][9];
            for (int i = 0; i < 4; i++) {
                double x = from[i][0];
                double y = from[i][1];
                double u = x + moves[2 * i] * width;
                double v = y + moves[2 * i + 1] * height;
                m[2 * i] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
                m[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v, v};
            }
            double[] s = solve(m);
            return new WarpSampler(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
        }
    }

    /** Gaussian elimination with partial pivoting on an n x (n + 1) augmented matrix. */
    static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("perspective: corner moves fold the image (singular homography)");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double k = m[row][col] / m[col][col];
                    for (int j = col; j <= n; j++) {
                        m[row][j] -= k * m[col][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
