package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListFileDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void linesGivePathsRelativeToTheListAndLabelsInFileOrder() throws IOException {
        TinyPngs.write(tmp.resolve("imgs/b.png"), 11);
        TinyPngs.write(tmp.resolve("imgs/with space.png"), 22);
        Path abs = TinyPngs.write(tmp.resolve("elsewhere/c.png"), 33);
        Path list = tmp.resolve("lists/train.txt");
        Files.createDirectories(list.getParent());
        Files.writeString(list, "# header comment\n\n../imgs/b.png 1\n  ../imgs/with space.png\t0  \n   # indented comment\n"
                + abs + " 7\n");
        ListFileDataset d = ListFileDataset.open(list);
        assertEquals(3, d.size());
        assertEquals(1, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(7, d.label(2));
        assertEquals(22, TinyPngs.valueOf(d.sample(1).image().load()));
        assertEquals(33, TinyPngs.valueOf(d.sample(2).image().load()));
        assertEquals(list.resolveSibling("../imgs/b.png").toString(), d.sample(0).id());
    }

    @Test
    void aLineWithoutLabelIsReportedWithFileAndLine() throws IOException {
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "a.png 1\n# ok\nb.png\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ListFileDataset.open(list));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(list + ":3: "), e.getMessage());
    }

    @Test
    void aLabelThatIsNoIntegerIsReportedWithFileAndLine() throws IOException {
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "a.png 1\nb.png live\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ListFileDataset.open(list));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'live'"), e.getMessage());
    }

    @Test
    void aListWithoutEntriesIsAnError() throws IOException {
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "# nothing\n\n");
        assertThrows(DatasetFormatException.class, () -> ListFileDataset.open(list));
    }
}
