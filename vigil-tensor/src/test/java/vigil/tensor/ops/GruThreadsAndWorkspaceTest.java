package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.GRU;
import vigil.tensor.parallel.Parallel;

/**
 * The GRU's step split and reused workspace against independent computations: the same module on one
 * thread (no split), a fresh module holding the same weights (fresh workspace), and a transpose done here.
 * Every comparison is bit for bit: the split assigns each element's arithmetic to one part whatever the
 * thread count, and a reused buffer or cached transpose must change nothing.
 */
class GruThreadsAndWorkspaceTest {
    // N x 3H x H = 64 x 120 x 40 multiply-adds per step: split across threads above 2^18 (set below);
    // H = 40 is not a multiple of the vector length, so a part also ends in a scalar tail. The input projection,
    // T*N x 3H x I = 320 x 120 x 29, is above GruCell's 2^20, so unsplit steps get theirs from a second thread
    // (SecondThread.preparesAhead).
    private static final int STEPS = 5;
    private static final int BATCH = 64;
    private static final int INPUT = 29;
    private static final int HIDDEN = 40;

    private final int savedThreads = Parallel.threads();
    private final long savedSplitMinWork = GruCell.splitMinWork;

    @BeforeEach
    void splitStepsOfThisSize() {
        // the default only splits steps of 8 M multiply-adds and more; these tests cover the split itself
        GruCell.splitMinWork = 1L << 18;
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
        GruCell.splitMinWork = savedSplitMinWork;
    }

    private static float[] uniform(Rng rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * rng.nextFloat() - 1;
        }
        return a;
    }

    /** y, h_n and every gradient (x, h0, parameters) of sum(y * wy) + sum(h_n * wh), flattened in that order. */
    private static List<float[]> forwardBackward(GRU gru, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.of(uniform(rng, STEPS * BATCH * INPUT), STEPS, BATCH, INPUT).requiresGrad(true);
        Tensor h0 = Tensor.of(uniform(rng, BATCH * HIDDEN), 1, BATCH, HIDDEN).requiresGrad(true);
        Tensor wy = Tensor.of(uniform(rng, STEPS * BATCH * HIDDEN), STEPS, BATCH, HIDDEN);
        Tensor wh = Tensor.of(uniform(rng, BATCH * HIDDEN), 1, BATCH, HIDDEN);
        gru.zeroGrad();
        RecurrentOutput out = gru.forward(x, h0);
        out.y().mul(wy).sum().add(out.hN().mul(wh).sum()).backward();
        List<float[]> all = new ArrayList<>(List.of(out.y().data().clone(), out.hN().data().clone(),
                x.grad().data().clone(), h0.grad().data().clone()));
        for (Tensor p : gru.parameters()) {
            all.add(p.grad().data().clone());
        }
        return all;
    }

    private static void assertAllEqual(List<float[]> expected, List<float[]> actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, what + ": tensor " + i + " differs");
        }
    }

    private static GRU copyOf(GRU gru) {
        GRU fresh = new GRU(INPUT, HIDDEN, new Rng(99));
        fresh.loadStateDict(gru.stateDict(), true);
        return fresh;
    }

    // every output and gradient on 2 and 3 threads equals the 1-thread run bit for bit
    private static void assertThreadCountInvariant(long rngSeed, long dataSeed, String what) {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(rngSeed));
        Parallel.setThreads(1);
        List<float[]> one = forwardBackward(gru, dataSeed);
        for (int threads = 2; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            assertAllEqual(one, forwardBackward(gru, dataSeed), threads + " threads, " + what);
        }
    }

    @Test
    void splittingStepsOverTwoOrThreeThreadsGivesTheSameBitsAsOneThread() {
        assertThreadCountInvariant(1, 5, "split steps");
    }

    @Test
    void unsplitStepsWithInputsProjectedAheadAndGradientsSummedAlongsideGiveTheSameBitsAsOneThread() {
        // steps below the split threshold: one thread runs the recursion while another projects the inputs of
        // the steps ahead (GruCell.forward) and sums each finished step's weight gradients (GruCell.backward)
        GruCell.splitMinWork = Long.MAX_VALUE;
        assertThreadCountInvariant(18, 19, "unsplit steps");
    }

    @Test
    void secondPassThroughReusedBuffersMatchesFreshModule() {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(2));
        forwardBackward(gru, 6);
        // different inputs on the second pass, so anything left in a reused buffer would show
        assertAllEqual(forwardBackward(copyOf(gru), 7), forwardBackward(gru, 7), "reused workspace");
    }

    @Test
    void twoForwardsBeforeTheirBackwardsKeepTheirOwnPooledTraces() {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(13));
        List<float[]> expectedA = forwardBackward(copyOf(gru), 14);
        List<float[]> expectedB = forwardBackward(copyOf(gru), 15);
        // both traces are taken from the pool before either backward gives its buffers back
        Rng rngA = new Rng(14);
        Tensor xA = Tensor.of(uniform(rngA, STEPS * BATCH * INPUT), STEPS, BATCH, INPUT).requiresGrad(true);
        Tensor h0A = Tensor.of(uniform(rngA, BATCH * HIDDEN), 1, BATCH, HIDDEN).requiresGrad(true);
        Tensor wyA = Tensor.of(uniform(rngA, STEPS * BATCH * HIDDEN), STEPS, BATCH, HIDDEN);
        Tensor whA = Tensor.of(uniform(rngA, BATCH * HIDDEN), 1, BATCH, HIDDEN);
        RecurrentOutput outA = gru.forward(xA, h0A);
        Tensor lossA = outA.y().mul(wyA).sum().add(outA.hN().mul(whA).sum());
        gru.zeroGrad();
        assertAllEqual(expectedB, forwardBackward(gru, 15), "the second forward and its backward");
        gru.zeroGrad();
        lossA.backward();
        assertArrayEquals(expectedA.get(2), xA.grad().data(), 0f, "d/dx of the first forward, differentiated last");
        assertArrayEquals(expectedA.get(3), h0A.grad().data(), 0f, "d/dh0 of the first forward");
        List<Tensor> params = gru.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertArrayEquals(expectedA.get(4 + i), params.get(i).grad().data(), 0f, "parameter " + i);
        }
    }

    @Test
    void secondBackwardThroughOneForwardFailsInsteadOfReadingRecycledBuffers() {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(16));
        Rng rng = new Rng(17);
        Tensor x = Tensor.of(uniform(rng, STEPS * BATCH * INPUT), STEPS, BATCH, INPUT).requiresGrad(true);
        Tensor loss = gru.forward(x).hN().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("already used by a backward"), e.getMessage());
    }

    @Test
    void weightChangedInPlaceIsSeenByTheNextForward() {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(3));
        forwardBackward(gru, 8);
        // a write straight into the array, as an optimizer step or a state-dict load does: the cached
        // transpose of weight_hh must not survive it, even for a change of one element
        float[] whh = gru.namedParameters().get("weight_hh_l0").data();
        whh[17] += 0.25f;
        assertAllEqual(forwardBackward(copyOf(gru), 9), forwardBackward(gru, 9), "after a weight_hh write");
    }

    @Test
    void inputWeightChangedInPlaceIsSeenByTheNextForward() {
        GRU gru = new GRU(INPUT, HIDDEN, new Rng(10));
        forwardBackward(gru, 11);
        float[] wih = gru.namedParameters().get("weight_ih_l0").data();
        wih[5] -= 0.25f;
        assertAllEqual(forwardBackward(copyOf(gru), 12), forwardBackward(gru, 12), "after a weight_ih write");
    }

    @Test
    void cachedTransposeFollowsEveryChangeOfTheWeight() {
        RecurrentWorkspace ws = new RecurrentWorkspace();
        Rng rng = new Rng(4);
        int rows = 6;
        int cols = 5;
        float[] w = uniform(rng, rows * cols);
        float[] first = ws.transposedHidden(w, rows, cols);
        assertSame(first, ws.transposedHidden(w.clone(), rows, cols), "an equal weight is served from the cache");
        w[rows * cols - 1] += 0.5f;
        float[] second = ws.transposedHidden(w, rows, cols);
        int ld = RecurrentWorkspace.stride(rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertArrayEquals(new float[] {w[r * cols + c]}, new float[] {second[c * ld + r]}, 0f,
                        "element (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void heldWorkspaceGivesOverlappingCallAPrivateOne() {
        RecurrentWorkspace ws = new RecurrentWorkspace();
        RecurrentWorkspace first = ws.acquire();
        RecurrentWorkspace second = ws.acquire();
        assertSame(ws, first);
        assertNotSame(ws, second);
        assertNotSame(first.buffer(RecurrentWorkspace.Slot.STATE_A, 8), second.buffer(RecurrentWorkspace.Slot.STATE_A, 8));
        first.release();
        assertSame(ws, ws.acquire());
    }
}
