package vigil.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Flatten;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.PReLU;
import vigil.tensor.nn.Sequential;
import vigil.tensor.optim.Sgd;

/**
 * Step scopes: a step's buffers are recycled into the next step, results stay bit-identical to unscoped steps,
 * and nothing recycled can be read through a tensor afterwards.
 */
class TensorScopeTest {
    private static final int BATCH = 8;
    private static final int SIDE = 12;
    private static final int CLASSES = 3;

    // the pool is shared by the whole JVM: start and end every test empty
    @BeforeEach
    @AfterEach
    void clear() {
        BufferPool.clear();
    }

    /** A small conv net whose conv, batch-norm and PReLU ops take their buffers from the pool (8x8x12x12 maps). */
    private record Net(Conv2d conv, BatchNorm2d bn, PReLU act, Conv2d depthwise, Sequential head, Sgd sgd) {
        static Net create() {
            Rng rng = new Rng(11);
            Conv2d conv = new Conv2d(3, 8, 3, 1, 1, 1, 1, false, rng);
            BatchNorm2d bn = new BatchNorm2d(8);
            PReLU act = new PReLU(8);
            Conv2d depthwise = new Conv2d(8, 8, 3, 1, 1, 1, 8, false, rng);
            Sequential head = new Sequential(new Flatten(), new Linear(8 * SIDE * SIDE, CLASSES, rng));
            List<Tensor> params = new java.util.ArrayList<>();
            for (var m : List.of(conv, bn, act, depthwise, head)) {
                params.addAll(m.parameters());
            }
            return new Net(conv, bn, act, depthwise, head, new Sgd(params, 0.05, 0.9, 0, 0, false));
        }

        Tensor firstActivation(Tensor x) {
            return act.forward(bn.forward(conv.forward(x)));
        }

        Tensor loss(Tensor x, Tensor target) {
            return CrossEntropy.mean().apply(head.forward(depthwise.forward(firstActivation(x))), target);
        }

        /** One SGD step; returns the loss, read inside the step. */
        float step(Tensor x, Tensor target) {
            sgd.zeroGrad();
            Tensor loss = loss(x, target);
            float value = loss.item();
            loss.backward();
            sgd.step();
            return value;
        }
    }

    private static Tensor input(int seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[BATCH * 3 * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-1f, 1f);
        }
        return Tensor.of(x, BATCH, 3, SIDE, SIDE);
    }

    private static Tensor target(int seed) {
        Rng rng = new Rng(seed);
        long[] t = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            t[i] = rng.nextInt(CLASSES);
        }
        return Tensor.ofLongs(t, BATCH);
    }

    private static float[] flatParameters(Net net) {
        List<Tensor> params = new java.util.ArrayList<>();
        for (var m : List.of(net.conv(), net.bn(), net.act(), net.depthwise(), net.head())) {
            params.addAll(m.parameters());
        }
        int n = params.stream().mapToInt(Tensor::numel).sum();
        float[] all = new float[n];
        int at = 0;
        for (Tensor p : params) {
            System.arraycopy(p.data(), 0, all, at, p.numel());
            at += p.numel();
        }
        return all;
    }

    @Test
    void scopedStepsGiveBitIdenticalLossesAndWeightsToUnscopedOnes() {
        Net plain = Net.create();
        Net scoped = Net.create();
        for (int step = 0; step < 4; step++) {
            Tensor x = input(100 + step);
            Tensor y = target(200 + step);
            float expected = plain.step(x, y); // unscoped, though on buffers the scoped steps recycled
            float actual;
            try (TensorScope s = TensorScope.open()) {
                actual = scoped.step(x, y);
            }
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), "loss of step " + step);
        }
        assertArrayEquals(flatParameters(plain), flatParameters(scoped), "weights after 4 steps (bit-identical)");
    }

    @Test
    void theNextStepReusesTheBuffersOfTheLastOne() {
        Net net = Net.create();
        Tensor x = input(1);
        java.util.Set<float[]> first = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (TensorScope s = TensorScope.open()) {
            first.addAll(activationBuffers(net, x));
        }
        assertEquals(3, first.size());
        for (float[] a : first) {
            assertTrue(BufferPool.isPooled(a), "the closed step's activation buffers went back to the pool");
        }
        try (TensorScope s = TensorScope.open()) {
            for (float[] a : activationBuffers(net, x)) {
                assertTrue(first.contains(a), "the next step's conv, batch-norm and PReLU outputs reuse them");
            }
        }
    }

    // the output buffers of conv, batch norm and PReLU
    private static List<float[]> activationBuffers(Net net, Tensor x) {
        Tensor h1 = net.conv().forward(x);
        Tensor h2 = net.bn().forward(h1);
        Tensor h3 = net.act().forward(h2);
        return List.of(h1.data(), h2.data(), h3.data());
    }

    @Test
    void aReleasedTensorThrowsOnEveryRead() {
        Net net = Net.create();
        Tensor a;
        try (TensorScope s = TensorScope.open()) {
            a = net.firstActivation(input(3));
        }
        assertTrue(a.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, a::data);
        assertTrue(e.getMessage().contains("[8, 8, 12, 12]") && e.getMessage().contains("step scope"), e.getMessage());
        assertThrows(IllegalStateException.class, a::storage);
        assertThrows(IllegalStateException.class, () -> a.get(0, 0, 0, 0));
        assertThrows(IllegalStateException.class, a::copy);
        assertThrows(IllegalStateException.class, () -> a.reshape(BATCH, -1));
    }

    @Test
    void backwardThroughAClosedStepsGraphThrows() {
        Net net = Net.create();
        Tensor loss;
        try (TensorScope s = TensorScope.open()) {
            loss = net.loss(input(4), target(5));
        }
        // the scalar loss itself was not pooled (too short), but the activations its graph saved were
        assertFalse(loss.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        for (Tensor p : net.conv().parameters()) {
            assertEquals(null, p.gradArray(), "no gradient reached a parameter through the closed graph");
        }
    }

    @Test
    void aKeptTensorSurvivesTheCloseAndTheNextStep() {
        Net net = Net.create();
        Tensor kept;
        float[] values;
        try (TensorScope s = TensorScope.open()) {
            kept = s.keep(net.firstActivation(input(6)));
            values = kept.data().clone();
        }
        assertFalse(kept.isReleased());
        assertFalse(BufferPool.isPooled(kept.data()), "a kept buffer is not pooled");
        try (TensorScope s = TensorScope.open()) {
            assertNotSame(kept.data(), net.firstActivation(input(7)).data());
        }
        assertArrayEquals(values, kept.data(), "kept values after another step");
        assertTrue(kept.isLeaf(), "a kept tensor is a leaf without history");
    }

    @Test
    void gradientsAccumulateAcrossScopesAsWithoutThem() {
        Net plain = Net.create();
        Net scoped = Net.create();
        for (int pass = 0; pass < 3; pass++) {
            Tensor x = input(300 + pass);
            Tensor y = target(400 + pass);
            plain.loss(x, y).backward();
            try (TensorScope s = TensorScope.open()) {
                scoped.loss(x, y).backward();
            }
        }
        List<Tensor> expected = plain.conv().parameters();
        List<Tensor> actual = scoped.conv().parameters();
        expected = new java.util.ArrayList<>(expected);
        actual = new java.util.ArrayList<>(actual);
        expected.addAll(plain.bn().parameters());
        actual.addAll(scoped.bn().parameters());
        expected.addAll(plain.head().parameters());
        actual.addAll(scoped.head().parameters());
        for (int i = 0; i < expected.size(); i++) {
            float[] g = actual.get(i).gradArray();
            assertFalse(BufferPool.isPooled(g), "a parameter's gradient is never pooled");
            assertArrayEquals(expected.get(i).gradArray(), g, "gradient of parameter " + i + " after 3 passes");
        }
    }

    @Test
    void aLeafsPooledGradientOutlivesTheScopeEvenWhenReadThroughATensor() {
        PReLU act = new PReLU(8);
        Tensor probe = uniform(30, BATCH, 8, SIDE, SIDE);
        Tensor reference = uniform(31, BATCH, 8, SIDE, SIDE).requiresGrad(true);
        act.forward(reference).mul(probe).sum().backward();
        Tensor leaf = uniform(31, BATCH, 8, SIDE, SIDE).requiresGrad(true);
        try (TensorScope s = TensorScope.open()) {
            // PReLU hands the leaf a pooled d/dx; grad() wraps it in a tensor of this scope, as gradient clipping does
            act.forward(leaf).mul(probe).sum().backward();
            assertEquals(reference.grad().sum().item(), leaf.grad().sum().item());
        }
        assertFalse(BufferPool.isPooled(leaf.gradArray()), "the leaf's gradient is not pooled");
        try (TensorScope s = TensorScope.open()) {
            act.forward(uniform(32, BATCH, 8, SIDE, SIDE)).mul(probe).sum(); // takes whatever the pool holds
        }
        assertArrayEquals(reference.gradArray(), leaf.gradArray(), "the leaf's gradient after the next step");
    }

    private static Tensor uniform(int seed, int... shape) {
        Rng rng = new Rng(seed);
        float[] v = new float[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.uniform(-1f, 1f);
        }
        return Tensor.of(v, shape);
    }

    @Test
    void anExceptionInsideAScopeLeavesThePoolConsistent() {
        Net failing = Net.create();
        Net reference = Net.create();
        Tensor x = input(8);
        Tensor y = target(9);
        assertThrows(IllegalArgumentException.class, () -> {
            try (TensorScope s = TensorScope.open()) {
                failing.sgd().zeroGrad();
                failing.loss(x, y); // forward done, activations on loan
                throw new IllegalArgumentException("a failing step");
            }
        });
        assertTrue(BufferPool.pooledFloats() > 0, "the failed step's activations were recycled");
        try (TensorScope s = TensorScope.open()) {
            assertTrue(s.isOpen(), "the failed step's scope did not stay open: a new one opens");
        }
        float expected = reference.step(x, y);
        float actual;
        try (TensorScope s = TensorScope.open()) {
            actual = failing.step(x, y);
        }
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), "the step after the failure");
    }

    @Test
    void scopesDoNotNest() {
        try (TensorScope s = TensorScope.open()) {
            assertThrows(IllegalStateException.class, TensorScope::open);
        }
    }

    @Test
    void tensorsWrappingTheCallersArraysAreNeverRecycled() {
        float[] mine = new float[BATCH * 8 * SIDE * SIDE];
        try (TensorScope s = TensorScope.open()) {
            Tensor.of(mine, BATCH, 8, SIDE, SIDE).mul(2f);
        }
        assertFalse(BufferPool.isPooled(mine));
    }
}
