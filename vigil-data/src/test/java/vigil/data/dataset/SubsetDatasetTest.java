package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.loader.Batch;
import vigil.data.loader.Loader;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;

/** A kept-sample id list written by a selection, read back into a dataset and through the loader. */
class SubsetDatasetTest {
    @TempDir
    Path tmp;

    /** A list file of six PNGs named by their fill values 10..15, labels alternating. */
    private ListFileDataset sixImages() throws IOException {
        TinyPngs.fill(tmp.resolve("img"), 6, 10);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            list.append(String.format("img/%03d.png %d%n", i, i % 2));
        }
        Files.writeString(tmp.resolve("all.txt"), list);
        return ListFileDataset.open(tmp.resolve("all.txt"));
    }

    @Test
    void theLoaderTrainsOnExactlyTheListedSamplesWithTheirImagesAndLabels() throws IOException {
        ListFileDataset all = sixImages();
        // Kept in rank order (not dataset order), as `vigil select` writes them.
        List<String> kept = List.of(all.sample(4).id(), all.sample(1).id(), all.sample(2).id());
        Path list = tmp.resolve("kept.txt");
        SampleIdList.write(list, kept, List.of("vigil select: test"));
        SubsetDataset subset = SubsetDataset.open(all, list);
        assertArrayEquals(new int[] {1, 2, 4}, subset.baseIndices());
        List<String> seenIds = new ArrayList<>();
        List<Integer> seenValues = new ArrayList<>();
        List<Long> seenLabels = new ArrayList<>();
        try (Loader loader = Loader.open(subset, SampleTransform.resizeTo(2, 2),
                LoaderOptions.batchSize(2).withSeed(5).withWorkers(1))) {
            while (loader.hasNext()) {
                Batch b = loader.next();
                seenIds.addAll(b.sampleIds());
                float[] x = b.images().data();
                int per = x.length / b.size();
                for (int i = 0; i < b.size(); i++) {
                    seenValues.add(Math.round(x[i * per]));
                    seenLabels.add(b.labels().longs()[i]);
                }
            }
        }
        assertEquals(new TreeSet<>(kept), new TreeSet<>(seenIds));
        assertEquals(3, seenIds.size());
        for (int i = 0; i < seenIds.size(); i++) {
            // Fixture k (file 00k.png) is filled with 10 + k and labelled k % 2; toTensor keeps 0..255.
            String id = seenIds.get(i);
            int k = Integer.parseInt(id.substring(id.length() - 5, id.length() - 4));
            assertEquals(10 + k, seenValues.get(i).intValue(), id);
            assertEquals(k % 2, seenLabels.get(i).intValue(), id);
        }
    }

    @Test
    void anIdMissingFromTheDatasetIsAnErrorNamingTheList() throws IOException {
        ListFileDataset all = sixImages();
        Path list = tmp.resolve("kept.txt");
        SampleIdList.write(list, List.of(all.sample(0).id(), "elsewhere/x.png"), List.of());
        IOException e = assertThrows(IOException.class, () -> SubsetDataset.open(all, list));
        assertEquals(list + ": sample id 'elsewhere/x.png' is not in the dataset (6 samples)", e.getMessage());
    }

    @Test
    void aRepeatedIdInTheListIsReportedWithItsLine() throws IOException {
        Path list = tmp.resolve("dup.txt");
        Files.writeString(list, "# comment\na\nb\n\na\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SampleIdList.read(list));
        assertEquals(5, e.line());
    }

    @Test
    void idListRoundTripKeepsOrderAndSkipsComments() throws IOException {
        Path list = tmp.resolve("ids.txt");
        List<String> ids = List.of("train:9", "faces/with space.png", "train:1");
        SampleIdList.write(list, ids, List.of("made by a test"));
        assertEquals(ids, SampleIdList.read(list));
        assertEquals("# made by a test", Files.readAllLines(list).get(0));
    }
}
