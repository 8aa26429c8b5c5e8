package vigil.data.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.dataset.SampleIdList;
import vigil.data.dataset.SubsetDataset;
import vigil.data.loader.Batch;
import vigil.data.loader.Loader;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;

/** Kept ids of an IDX set ("train:i") read back through SubsetDataset and the loader give the file's bytes. */
class IdxDatasetTest {
    @TempDir
    Path tmp;

    /** Five 2x3 images; image i has pixel p = 40 i + p and label 9 - i. */
    private LabelledImages fiveImages() throws IOException {
        ByteBuffer img = ByteBuffer.allocate(16 + 5 * 6).putInt(0x00000803).putInt(5).putInt(2).putInt(3);
        ByteBuffer lab = ByteBuffer.allocate(8 + 5).putInt(0x00000801).putInt(5);
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < 6; p++) {
                img.put((byte) (40 * i + p));
            }
            lab.put((byte) (9 - i));
        }
        Files.write(tmp.resolve("img"), img.array());
        Files.write(tmp.resolve("lab"), lab.array());
        return LabelledImages.read(tmp.resolve("img"), tmp.resolve("lab"));
    }

    @Test
    void keptIdsTrainOnExactlyThoseImagesWithTheirBytesAndLabels() throws IOException {
        IdxDataset all = new IdxDataset(fiveImages(), "train");
        Path list = tmp.resolve("kept.txt");
        SampleIdList.write(list, List.of("train:3", "train:0"), List.of("test"));
        SubsetDataset kept = SubsetDataset.open(all, list);
        List<String> seen = new ArrayList<>();
        try (Loader loader = Loader.open(kept, SampleTransform.resizeTo(3, 2), LoaderOptions.batchSize(1).withWorkers(1))) {
            while (loader.hasNext()) {
                Batch b = loader.next();
                String id = b.sampleIds().get(0);
                seen.add(id);
                int i = Integer.parseInt(id.substring("train:".length()));
                assertEquals(9 - i, b.labels().longs()[0], id);
                float[] x = b.images().data(); // [1, 3, 2, 3], 0..255, B = G = R
                for (int p = 0; p < 6; p++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(40 * i + p, x[c * 6 + p], 0, id + " pixel " + p + " channel " + c);
                    }
                }
            }
        }
        assertEquals(List.of("train:0", "train:3"), seen.stream().sorted().toList());
    }
}
