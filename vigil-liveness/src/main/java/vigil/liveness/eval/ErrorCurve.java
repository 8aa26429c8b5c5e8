package vigil.liveness.eval;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The two error rates of live against attack scores at every candidate threshold (each distinct score,
 * then +infinity), as PadMetrics defines them: apcer[k] = share of attacks with score >= t_k, bpcer[k] =
 * share of live samples with score < t_k. Thresholds ascend, so apcer falls and bpcer rises with k.
 */
public record ErrorCurve(double[] thresholds, double[] apcer, double[] bpcer) {

    public static ErrorCurve of(double[] live, double[] attacks) {
        if (live.length == 0 || attacks.length == 0) {
            throw new IllegalArgumentException("ErrorCurve: needs live samples and attacks, got " + live.length
                    + " and " + attacks.length);
        }
        double[] l = live.clone();
        double[] a = attacks.clone();
        Arrays.sort(l);
        Arrays.sort(a);
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : l) {
            distinct.add(v);
        }
        for (double v : a) {
            distinct.add(v);
        }
        distinct.add(Double.POSITIVE_INFINITY);
        int n = distinct.size();
        double[] t = new double[n];
        double[] apcer = new double[n];
        double[] bpcer = new double[n];
        int k = 0;
        for (double threshold : distinct) {
            t[k] = threshold;
            apcer[k] = (double) (a.length - below(a, threshold)) / a.length;
            bpcer[k] = (double) below(l, threshold) / l.length;
            k++;
        }
        return new ErrorCurve(t, apcer, bpcer);
    }

    /** How many of sorted are < threshold. */
    private static int below(double[] sorted, double threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
