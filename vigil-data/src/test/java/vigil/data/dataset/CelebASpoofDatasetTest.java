package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebASpoofDatasetTest {
    @TempDir
    Path tmp;

    /** A 44-int label list as CelebA-Spoof writes it: attributes, then [40] type, [41], [42], [43] live/spoof. */
    private static String labels(int spoofType, int liveSpoof) {
        int[] v = new int[44];
        Arrays.fill(v, 0, 40, 1);
        v[40] = spoofType;
        v[41] = 2;
        v[42] = 1;
        v[43] = liveSpoof;
        return IntStream.of(v).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private Path labelFile(String json) throws IOException {
        Path file = tmp.resolve("metas/intra_test/train_label.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    @Test
    void labelIsIndex43AndSpoofTypeIndex40WithPathsUnderTheRoot() throws IOException {
        TinyPngs.write(tmp.resolve("Data/train/10/live/000001.png"), 5);
        TinyPngs.write(tmp.resolve("Data/train/10/spoof/000002.png"), 6);
        Path file = labelFile("{\"Data/train/10/spoof/000002.png\": " + labels(9, 1)
                + ", \"Data/train/10/live/000001.png\": " + labels(0, 0) + "}");
        CelebASpoofDataset d = CelebASpoofDataset.open(file, tmp, false);
        assertEquals(2, d.size());
        Sample spoof = d.sample(0);
        assertEquals(1, spoof.label());
        assertEquals(9, spoof.spoofType().getAsInt());
        assertEquals(tmp.resolve("Data/train/10/spoof/000002.png").toString(), spoof.id());
        assertEquals(6, TinyPngs.valueOf(spoof.image().load()));
        Sample live = d.sample(1);
        assertEquals(0, live.label());
        assertEquals(0, live.spoofType().getAsInt());
        assertTrue(live.box().isEmpty());
    }

    @Test
    void boxesComeFromTheBbFileInThe224Frame() throws IOException {
        TinyPngs.write(tmp.resolve("Data/test/7/live/1.png"), 0);
        Files.writeString(tmp.resolve("Data/test/7/live/1_BB.txt"), "61 45 102 132 0.99\n");
        Path file = labelFile("{\"Data/test/7/live/1.png\": " + labels(0, 0) + "}");
        Box box = CelebASpoofDataset.open(file, tmp, true).sample(0).box().orElseThrow();
        assertEquals(new Box(61, 45, 102, 132, 224, 224), box);
        // Scaled per axis for a 448 x 112 image (CelebA-Spoof's client.py then truncates: 122, 22, 204, 66).
        assertEquals(Box.pixels(122, 22.5f, 204, 66), box.inImage(448, 112));
    }

    @Test
    void aMissingBoxFileIsNamed() throws IOException {
        TinyPngs.write(tmp.resolve("Data/test/7/live/1.png"), 0);
        Path file = labelFile("{\"Data/test/7/live/1.png\": " + labels(0, 0) + "}");
        CelebASpoofDataset d = CelebASpoofDataset.open(file, tmp, true);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> d.sample(0));
        assertEquals(tmp.resolve("Data/test/7/live/1_BB.txt"), e.file());
    }

    @Test
    void aLabelListOfTheWrongLengthIsRefusedNamingTheImage() throws IOException {
        Path file = labelFile("{\"Data/a.png\": [0, 1, 0]}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CelebASpoofDataset.open(file, tmp, false));
        assertTrue(e.getMessage().contains("'Data/a.png'") && e.getMessage().contains("44"), e.getMessage());
    }

    @Test
    void aLiveSpoofValueOtherThan0Or1IsRefused() throws IOException {
        Path file = labelFile("{\"Data/a.png\": " + labels(0, 2) + "}");
        assertThrows(DatasetFormatException.class, () -> CelebASpoofDataset.open(file, tmp, false));
    }

    @Test
    void brokenJsonIsReportedWithTheFile() throws IOException {
        Path file = labelFile("{\"Data/a.png\": [0, ");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CelebASpoofDataset.open(file, tmp, false));
        assertEquals(file, e.file());
    }
}
