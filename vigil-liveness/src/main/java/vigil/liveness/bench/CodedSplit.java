package vigil.liveness.bench;

import java.io.IOException;
import java.nio.file.Path;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.ListFileDataset;
import vigil.data.dataset.Sample;

/**
 * One split of a built benchmark as a loader dataset whose labels are {@link SampleCode}s (live and
 * attack family in one int). Same samples, ids and order as the split's list file
 * ({@link BenchmarkManifest#listFile}), so batches, shuffles and augmentation draws are those of the
 * plain list; only the labels say more. The codes come from manifest.csv, whose rows of a split are
 * written in list-file order; a list and manifest that disagree fail naming both files and the line.
 */
public final class CodedSplit implements Dataset {
    private final ListFileDataset list;
    private final int[] codes;

    private CodedSplit(ListFileDataset list, int[] codes) {
        this.list = list;
        this.codes = codes;
    }

    public static CodedSplit open(Path root, String split) throws IOException {
        ListFileDataset list = ListFileDataset.open(BenchmarkManifest.listFile(root, split));
        var rows = BenchmarkManifest.read(root, split);
        if (rows.size() != list.size()) {
            throw new IOException(list.listFile() + " has " + list.size() + " samples but " + root.resolve(BenchmarkManifest.FILE)
                    + " has " + rows.size() + " rows in split " + split);
        }
        int[] codes = new int[rows.size()];
        for (int i = 0; i < codes.length; i++) {
            BenchmarkSample row = rows.get(i);
            Sample s = list.sample(i);
            if (!Path.of(s.id()).normalize().equals(root.resolve(row.path()).normalize()) || s.label() != row.label()) {
                throw new IOException(list.listFile() + ":" + (i + 1) + ": '" + s.id() + "' label " + s.label()
                        + " does not match " + BenchmarkManifest.FILE + " row '" + row.path() + "' label " + row.label());
            }
            codes[i] = SampleCode.of(row);
        }
        return new CodedSplit(list, codes);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public Sample sample(int index) throws IOException {
        Sample s = list.sample(index);
        Sample coded = new Sample(s.id(), s.image(), codes[index], s.spoofType(), s.depthMap(), s.box());
        int family = SampleCode.family(codes[index]);
        return family == AttackFamily.NONE ? coded : coded.withSpoofType(family);
    }

    @Override
    public int label(int index) {
        return codes[index];
    }
}
