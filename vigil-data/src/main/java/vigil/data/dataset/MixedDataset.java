package vigil.data.dataset;

/** The images a {@link DataMix} selected, entry after entry, with how many each entry had and kept. */
public final class MixedDataset extends FileListDataset {
    private final DataMix mix;
    private final int[] available;
    private final int[] selected;

    MixedDataset(DataMix mix, LabelledFiles files, int[] available, int[] selected) {
        super(files);
        this.mix = mix;
        this.available = available;
        this.selected = selected;
    }

    public DataMix mix() {
        return mix;
    }

    /** The images found under entry e's source. */
    public int available(int entry) {
        return available[entry];
    }

    /** The images entry e contributes. */
    public int selected(int entry) {
        return selected[entry];
    }

}
