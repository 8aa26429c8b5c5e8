package vigil.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * Schedules against torch.optim.lr_scheduler 1.13: an SGD with lr 0.1 and the scheduler, recording
 * param_groups[0]['lr'] before each scheduler.step() (repr of the Python double). PyTorch updates
 * the rate recursively (lr * factor per step) while these schedules use the closed form, so the
 * tolerance is 1e-12 relative rather than exact.
 */
class LrScheduleTest {

    private static void assertSchedule(double[] torch, LrSchedule schedule) {
        for (int step = 0; step < torch.length; step++) {
            assertEquals(torch[step], schedule.lrAt(step), 1e-12 * Math.abs(torch[step]) + 1e-15, "step " + step);
        }
    }

    @Test
    void stepLrHalvesEveryThreeStepsAsTorch() {
        // StepLR(opt, step_size=3, gamma=0.5)
        assertSchedule(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125},
                new StepLr(0.1, 3, 0.5));
    }

    @Test
    void cosineLrAnnealsToEtaMinAsTorch() {
        // CosineAnnealingLR(opt, T_max=8, eta_min=0.001)
        assertSchedule(new double[] {0.1, 0.0962320368593087, 0.0855017856687341, 0.06944282990207196, 0.0505,
            0.03155717009792806, 0.0154982143312659, 0.004767963140691306, 0.001}, new CosineLr(0.1, 0.001, 8));
    }

    @Test
    void cosineLrHoldsEtaMinAfterTMax() {
        // Unlike torch's CosineAnnealingLR, which climbs back: the value at T_max (0.001 above) is kept.
        CosineLr cosine = new CosineLr(0.1, 0.001, 8);
        assertEquals(0.001, cosine.lrAt(9), 0);
        assertEquals(0.001, cosine.lrAt(100), 0);
    }

    @Test
    void warmupThenCosineMatchesTorchSequentialLr() {
        // SequentialLR(opt, [LinearLR(opt, start_factor=0.1, total_iters=4), CosineAnnealingLR(opt, T_max=6)],
        //              milestones=[4])
        assertSchedule(new double[] {0.010000000000000002, 0.03250000000000001, 0.055000000000000014,
            0.07750000000000003, 0.1, 0.09330127018922195, 0.07500000000000001, 0.05, 0.025000000000000012,
            0.006698729810778065, 0.0}, new WarmupLr(new CosineLr(0.1, 0, 6), 4, 0.1));
    }

    @Test
    void applySetsTheOptimizersLearningRate() {
        Sgd sgd = new Sgd(List.of(Tensor.zeros(2).requiresGrad(true)), 1.0);
        new StepLr(0.1, 3, 0.5).apply(sgd, 7);
        assertEquals(0.025, sgd.learningRate(), 1e-15);
    }
}
