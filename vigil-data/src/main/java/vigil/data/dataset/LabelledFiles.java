package vigil.data.dataset;

import java.nio.file.Path;
import java.util.List;

/** Image files with a label each, the common body of the folder, list-file and data-mix datasets. */
final class LabelledFiles implements Dataset {
    private final Path[] files;
    private final int[] labels;

    LabelledFiles(List<Path> files, int[] labels) {
        if (files.size() != labels.length) {
            throw new IllegalArgumentException(files.size() + " files but " + labels.length + " labels");
        }
        this.files = files.toArray(Path[]::new);
        this.labels = labels.clone();
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public Sample sample(int index) {
        Path file = files[index];
        return Sample.of(file.toString(), ImageSource.file(file), labels[index]);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    Path file(int index) {
        return files[index];
    }
}
