package vigil.data.dataset;

/**
 * A dataset whose samples are a fixed list of labelled image files: the folder, list-file and
 * data-mix datasets differ only in how they build that list.
 */
abstract sealed class FileListDataset implements Dataset permits ImageFolderDataset, ListFileDataset, MixedDataset {
    private final LabelledFiles files;

    FileListDataset(LabelledFiles files) {
        this.files = files;
    }

    @Override
    public final int size() {
        return files.size();
    }

    @Override
    public final Sample sample(int index) {
        return files.sample(index);
    }

    @Override
    public final int label(int index) {
        return files.label(index);
    }
}
