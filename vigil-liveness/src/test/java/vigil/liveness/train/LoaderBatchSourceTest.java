package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.Sample;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;
import vigil.data.loader.TrainingItem;
import vigil.tensor.Tensor;

/** The loader adapter hands out batch k identically whether reached in order, by a jump, or by rewinding. */
class LoaderBatchSourceTest {
    /** 20 samples whose "image" is (index, a draw from the loader's per-sample generator). */
    private static final Dataset NUMBERS = new Dataset() {
        @Override
        public int size() {
            return 20;
        }

        @Override
        public Sample sample(int index) {
            return Sample.of(Integer.toString(index), () -> {
                throw new IOException("not an image");
            }, index % 2);
        }
    };
    private static final SampleTransform TAG = (sample, rng) -> TrainingItem.of(
            Tensor.of(new float[] {Integer.parseInt(sample.id()), rng.nextFloat()}, 2), sample.label());
    private static final LoaderOptions OPTIONS = LoaderOptions.batchSize(4).withEpochs(3).withSeed(5).withWorkers(2)
            .withFullShuffle();

    @Test
    void jumpingAndRewindingGiveTheBatchesOfASequentialPass() throws IOException {
        List<float[]> sequential = new ArrayList<>();
        try (LoaderBatchSource source = new LoaderBatchSource(NUMBERS, TAG, OPTIONS)) {
            assertEquals(5, source.batchesPerEpoch());
            for (long k = 0; k < 15; k++) {
                sequential.add(source.batch(k).inputs().data());
            }
        }
        try (LoaderBatchSource source = new LoaderBatchSource(NUMBERS, TAG, OPTIONS)) {
            assertArrayEquals(sequential.get(11), source.batch(11).inputs().data(), "jump to a resume point");
            assertArrayEquals(sequential.get(12), source.batch(12).inputs().data(), "then in order");
            assertArrayEquals(sequential.get(3), source.batch(3).inputs().data(), "rewind");
        }
        TrainConfig steps = TrainerFixtures.config(java.nio.file.Path.of("unused"));  // 30 steps of 8
        try (LoaderBatchSource source = LoaderBatchSource.training(NUMBERS, TAG, OPTIONS, steps)) {
            assertEquals(3, source.batchesPerEpoch());
            assertEquals(4, source.batch(29).size(), "the 30th step exists (epochs rounded up): the last 20 - 16 of epoch 9");
        }
        assertNotEquals(List.of(sequential.get(0)[0], sequential.get(0)[2]), List.of(sequential.get(5)[0],
                sequential.get(5)[2]), "epochs are shuffled differently");
    }
}
