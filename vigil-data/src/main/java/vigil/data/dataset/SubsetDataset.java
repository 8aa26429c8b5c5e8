package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a dataset whose ids are in a list (a selection's kept samples), in the base
 * dataset's order, so the loader's seeded shuffles stay reproducible whatever order the list has.
 * Opening reads every base sample once (its id), never an image; an id the base does not have is
 * an error (a list made for another dataset must not silently train on less).
 */
public final class SubsetDataset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    private SubsetDataset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices;
    }

    /** The base samples with the listed ids; {@code source} names the list in error messages. */
    public static SubsetDataset of(Dataset base, List<String> ids, String source) throws IOException {
        Map<String, Integer> wanted = new HashMap<>();
        for (String id : ids) {
            wanted.put(id, -1);
        }
        for (int i = 0; i < base.size(); i++) {
            String id = base.sample(i).id();
            if (wanted.containsKey(id)) {
                if (wanted.get(id) >= 0) {
                    throw new IOException("dataset has two samples with id '" + id + "' (indices " + wanted.get(id)
                            + " and " + i + "); " + source + " cannot pick one");
                }
                wanted.put(id, i);
            }
        }
        for (String id : ids) {
            if (wanted.get(id) < 0) {
                throw new IOException(source + ": sample id '" + id + "' is not in the dataset (" + base.size() + " samples)");
            }
        }
        int[] indices = wanted.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        return new SubsetDataset(base, indices);
    }

    /** Reads an id list file ({@link SampleIdList}) and keeps those samples of base. */
    public static SubsetDataset open(Dataset base, Path listFile) throws IOException {
        return of(base, SampleIdList.read(listFile), listFile.toString());
    }

    /** The base index of each kept sample, ascending. */
    public int[] baseIndices() {
        return indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample sample(int index) throws IOException {
        return base.sample(indices[index]);
    }

    @Override
    public int label(int index) throws IOException {
        return base.label(indices[index]);
    }
}
