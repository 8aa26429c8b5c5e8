package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataMixTest {
    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        Path file = tmp.resolve("mix.txt");
        Files.writeString(file, text);
        return file;
    }

    private static List<String> ids(Dataset d) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add(d.sample(i).id());
        }
        return ids;
    }

    /** live/ with 3 sub-folders of 5, 2 and 8 images, and 4 images directly inside; spoof/ with 40 images. */
    private void folders() throws IOException {
        TinyPngs.fill(tmp.resolve("live/v1"), 5, 0);
        TinyPngs.fill(tmp.resolve("live/v2"), 2, 10);
        TinyPngs.fill(tmp.resolve("live/v3/deeper"), 8, 20);
        TinyPngs.fill(tmp.resolve("live"), 4, 40);
        TinyPngs.fill(tmp.resolve("spoof"), 40, 100);
    }

    @Test
    void parsesLabelSourceRatioSkippingCommentsAndResolvingAgainstTheConfig() throws IOException {
        DataMix mix = DataMix.parse(config("# label source ratio\n\n1 live 0.5\n0   spoof dir   3\n"));
        assertEquals(List.of(new DataMixEntry(1, tmp.resolve("live"), 0.5, 3),
                new DataMixEntry(0, tmp.resolve("spoof dir"), 3, 4)), mix.entries());
    }

    @Test
    void ratioAtMostOneKeepsThatFractionOfTheSourceRoundedHalfUp() throws IOException {
        folders();
        // 40 spoof images: 0.25 -> 10; 19 live images: 0.5 -> 9.5 -> 10.
        MixedDataset d = DataMix.parse(config("0 spoof 0.25\n1 live 0.5\n")).build(7);
        assertEquals(10, d.selected(0));
        assertEquals(40, d.available(0));
        assertEquals(10, d.selected(1));
        assertEquals(19, d.available(1));
        assertEquals(20, d.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(0, d.label(i));
            assertTrue(d.sample(i).id().startsWith(tmp.resolve("spoof").toString()));
        }
        for (int i = 10; i < 20; i++) {
            assertEquals(1, d.label(i));
        }
    }

    @Test
    void ratioOneKeepsEverythingInListingOrder() throws IOException {
        folders();
        MixedDataset d = DataMix.parse(config("0 spoof 1\n")).build(7);
        assertEquals(listing(tmp.resolve("spoof")), ids(d));
    }

    @Test
    void ratioAboveOneCapsEachSubFolderAndTheSourcesOwnFiles() throws IOException {
        folders();
        MixedDataset d = DataMix.parse(config("1 live 3\n")).build(11);
        Map<String, Integer> perGroup = new TreeMap<>();
        for (String id : ids(d)) {
            Path rel = tmp.resolve("live").relativize(Path.of(id));
            perGroup.merge(rel.getNameCount() > 1 ? rel.getName(0).toString() : "", 1, Integer::sum);
        }
        // v1: min(3, 5); v2: min(3, 2); v3 (8 images one level deeper): 3; the 4 loose files: 3.
        assertEquals(Map.of("", 3, "v1", 3, "v2", 2, "v3", 3), perGroup);
        assertEquals(11, d.size());
    }

    @Test
    void selectionKeepsListingOrder() throws IOException {
        folders();
        List<String> all = listing(tmp.resolve("spoof"));
        List<String> kept = ids(DataMix.parse(config("0 spoof 0.5\n")).build(3));
        List<String> inOrder = new ArrayList<>(all);
        inOrder.retainAll(kept);
        assertEquals(inOrder, kept);
    }

    @Test
    void sameSeedSelectsTheSameImagesAndAnotherSeedOthers() throws IOException {
        folders();
        Path file = config("0 spoof 0.5\n1 live 2\n");
        List<String> a = ids(DataMix.parse(file).build(42));
        List<String> b = ids(DataMix.parse(file).build(42));
        List<String> c = ids(DataMix.parse(file).build(43));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void anEntrysSelectionDoesNotDependOnLaterLines() throws IOException {
        folders();
        List<String> alone = ids(DataMix.parse(config("0 spoof 0.3\n")).build(5));
        List<String> withMore = ids(DataMix.parse(config("0 spoof 0.3\n1 live 1\n")).build(5));
        assertEquals(alone, withMore.subList(0, alone.size()));
    }

    @Test
    void aNonIntegralCapIsRefusedWithFileAndLine() throws IOException {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> DataMix.parse(config("0 a 1\n1 b 2.5\n")));
        assertEquals(2, e.line());
    }

    @Test
    void aZeroOrNegativeRatioIsRefused() throws IOException {
        assertThrows(DatasetFormatException.class, () -> DataMix.parse(config("0 a 0\n")));
        assertThrows(DatasetFormatException.class, () -> DataMix.parse(config("0 a -1\n")));
    }

    @Test
    void aMissingSourceIsReportedAtItsLineWhenBuilding() throws IOException {
        folders();
        DataMix mix = DataMix.parse(config("0 spoof 1\n# x\n1 nowhere 1\n"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> mix.build(0));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aLineWithTooFewFieldsIsReported() throws IOException {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DataMix.parse(config("0 spoof\n")));
        assertEquals(1, e.line());
    }

    /** The image paths under a folder in listing order. */
    private static List<String> listing(Path folder) throws IOException {
        return ImageFileTree.list(folder).stream().map(Path::toString).toList();
    }
}
