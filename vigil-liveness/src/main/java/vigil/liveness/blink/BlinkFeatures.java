package vigil.liveness.blink;

/**
 * Turns a frame's raw eye measurements into the sequence model's input, causally (each frame
 * sees only itself and earlier frames, so the streaming detector and training agree):
 *
 * <pre>
 * raw per frame: pL, pR (CNN closure probabilities), earL, earR (eye aspect ratios)
 * features [F = 6]: pL, pR, earL / median(earL) - 1, earR / median(earR) - 1,
 *                   pL - median(pL), pR - median(pR)
 * </pre>
 * The medians run over the last {@link #WINDOW} frames: the EAR is normalised per sequence (it
 * depends on the person and the camera angle), and the probabilities are also given relative to
 * the sequence's resting level, so a CNN that reads a particular face as slightly closed does not
 * fire on every frame.
 */
public final class BlinkFeatures {
    public static final int SIZE = 6;
    public static final int WINDOW = 31;

    private final RunningMedian earLeft = new RunningMedian(WINDOW);
    private final RunningMedian earRight = new RunningMedian(WINDOW);
    private final RunningMedian probLeft = new RunningMedian(WINDOW);
    private final RunningMedian probRight = new RunningMedian(WINDOW);

    /** The features of the next frame, written into out[offset .. offset + SIZE). */
    public void next(float pL, float pR, float earL, float earR, float[] out, int offset) {
        float mEarL = earLeft.push(earL);
        float mEarR = earRight.push(earR);
        float mPL = probLeft.push(pL);
        float mPR = probRight.push(pR);
        out[offset] = pL;
        out[offset + 1] = pR;
        out[offset + 2] = relative(earL, mEarL);
        out[offset + 3] = relative(earR, mEarR);
        out[offset + 4] = pL - mPL;
        out[offset + 5] = pR - mPR;
    }

    private static float relative(float v, float median) {
        return median > 1e-3f ? Math.max(-1f, Math.min(1f, v / median - 1)) : 0f;
    }
}
