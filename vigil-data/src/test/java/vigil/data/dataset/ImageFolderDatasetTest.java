package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path tmp;

    private static List<String> ids(Dataset d) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add(d.sample(i).id());
        }
        return ids;
    }

    private static List<Integer> labels(Dataset d) throws IOException {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            labels.add(d.label(i));
        }
        return labels;
    }

    @Test
    void sortedNamesLabelClassesByStringOrderLikeImageFolder() throws IOException {
        TinyPngs.write(tmp.resolve("spoof/a.png"), 1);
        TinyPngs.write(tmp.resolve("live/b.png"), 2);
        TinyPngs.write(tmp.resolve("10/c.png"), 3);
        TinyPngs.write(tmp.resolve("2/d.png"), 4);
        ImageFolderDataset d = ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES);
        // torchvision: sorted(["spoof", "live", "10", "2"]) = ["10", "2", "live", "spoof"].
        assertEquals(List.of("10", "2", "live", "spoof"), d.classNames());
        assertEquals(List.of(0, 1, 2, 3), labels(d));
        assertEquals(List.of(tmp.resolve("10/c.png").toString(), tmp.resolve("2/d.png").toString(),
                tmp.resolve("live/b.png").toString(), tmp.resolve("spoof/a.png").toString()), ids(d));
    }

    @Test
    void filesWithinAClassComeInOsWalkOrderAtAnyDepth() throws IOException {
        // sorted(os.walk): folder "" < "a" < "a-b" < "a/x", then file names sorted within a folder.
        for (String f : List.of("c/z.png", "c/a/x/1.png", "c/a-b/2.png", "c/a/3.PNG", "c/a/0.jpg.txt", "c/b.bmp")) {
            if (f.endsWith(".txt")) {
                Files.writeString(tmp.resolve(f), "not an image");
            } else {
                TinyPngs.write(tmp.resolve(f), 0);
            }
        }
        ImageFolderDataset d = ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES);
        List<String> expected = new ArrayList<>();
        for (String f : List.of("c/b.bmp", "c/z.png", "c/a/3.PNG", "c/a-b/2.png", "c/a/x/1.png")) {
            expected.add(tmp.resolve(f).toString());
        }
        assertEquals(expected, ids(d));
    }

    @Test
    void hiddenFoldersAndFilesAreSkipped() throws IOException {
        TinyPngs.write(tmp.resolve("live/a.png"), 0);
        TinyPngs.write(tmp.resolve("live/.ipynb_checkpoints/a.png"), 0);
        TinyPngs.write(tmp.resolve(".cache/b.png"), 0);
        ImageFolderDataset d = ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES);
        assertEquals(List.of("live"), d.classNames());
        assertEquals(1, d.size());
    }

    @Test
    void numericNamesUseTheFolderNumberAsLabelAsSilentFaceDoes() throws IOException {
        TinyPngs.write(tmp.resolve("2/a.png"), 20);
        TinyPngs.write(tmp.resolve("10/b.png"), 100);
        TinyPngs.write(tmp.resolve("0/c.png"), 0);
        ImageFolderDataset d = ImageFolderDataset.open(tmp, ClassNaming.NUMERIC_NAMES);
        assertEquals(List.of("0", "2", "10"), d.classNames());
        assertEquals(List.of(0, 2, 10), labels(d));
        assertEquals(100, TinyPngs.valueOf(d.sample(2).image().load()));
    }

    @Test
    void numericNamesRefuseAFolderThatIsNoNumber() throws IOException {
        TinyPngs.write(tmp.resolve("1/a.png"), 0);
        TinyPngs.write(tmp.resolve("live/b.png"), 0);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolderDataset.open(tmp, ClassNaming.NUMERIC_NAMES));
        assertEquals(tmp.resolve("live"), e.file());
    }

    @Test
    void aClassFolderWithoutImagesIsAnErrorNamingIt() throws IOException {
        TinyPngs.write(tmp.resolve("0/a.png"), 0);
        Files.createDirectories(tmp.resolve("1"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES));
        assertTrue(e.getMessage().startsWith(tmp.resolve("1").toString()), e.getMessage());
    }

    @Test
    void sampleImageLoadsTheFilesPixels() throws IOException {
        TinyPngs.write(tmp.resolve("a/x.png"), 77);
        Sample s = ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES).sample(0);
        assertEquals(77, TinyPngs.valueOf(s.image().load()));
        assertTrue(s.spoofType().isEmpty() && s.box().isEmpty() && s.depthMap().isEmpty());
    }
}
