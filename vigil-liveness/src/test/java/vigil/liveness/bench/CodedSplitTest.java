package vigil.liveness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.dataset.ListFileDataset;
import vigil.data.dataset.Sample;

/** A split's coded dataset: the list file's samples in its order, labelled with live and attack family from the manifest. */
class CodedSplitTest {
    @TempDir
    Path root;

    private static final List<BenchmarkSample> SAMPLES = List.of(
            new BenchmarkSample("images/train/a/f0_live.png", "train", "a", true, ""),
            new BenchmarkSample("images/train/a/f0_print-halftone.png", "train", "a", false, "print-halftone"),
            new BenchmarkSample("images/dev/b/f0_live.png", "dev", "b", true, ""),
            new BenchmarkSample("images/train/a/f0_replay-moire.png", "train", "a", false, "replay-moire"),
            new BenchmarkSample("images/train/c/f0_mask-latex.png", "train", "c", false, "mask-latex"),
            new BenchmarkSample("images/test/d/f0_print-glossy.png", "test", "d", false, "print-glossy"));

    @Test
    void samplesKeepTheListOrderAndCarryLiveAndFamily() throws IOException {
        BenchmarkManifest.write(root, SAMPLES);
        CodedSplit coded = CodedSplit.open(root, SubjectSplit.TRAIN);
        ListFileDataset list = ListFileDataset.open(BenchmarkManifest.listFile(root, SubjectSplit.TRAIN));
        // expected (live, family) per train row, written out by hand: live, print, replay, unknown kind
        int[] live = {1, 0, 0, 0};
        int[] family = {-1, 0, 1, -1};
        assertEquals(4, coded.size());
        for (int i = 0; i < 4; i++) {
            Sample s = coded.sample(i);
            assertEquals(list.sample(i).id(), s.id());
            assertEquals(live[i] == 1, SampleCode.isLive(s.label()), "row " + i);
            assertEquals(family[i], SampleCode.family(coded.label(i)), "row " + i);
            assertEquals(family[i] < 0 ? OptionalInt.empty() : OptionalInt.of(family[i]), s.spoofType(), "row " + i);
        }
        assertEquals(0, SampleCode.family(CodedSplit.open(root, SubjectSplit.TEST).label(0)), "held-out print keeps its family");
    }

    @Test
    void aListThatDisagreesWithTheManifestFailsNamingTheLine() throws IOException {
        BenchmarkManifest.write(root, SAMPLES);
        Path list = BenchmarkManifest.listFile(root, SubjectSplit.TRAIN);
        List<String> lines = Files.readAllLines(list);
        Files.write(list, List.of(lines.get(0), lines.get(2), lines.get(1), lines.get(3)));
        IOException e = assertThrows(IOException.class, () -> CodedSplit.open(root, SubjectSplit.TRAIN));
        assertTrue(e.getMessage().contains("train.txt:2"), e.getMessage());
    }
}
