package vigil.data.dataset;

/** How an image-folder dataset turns class folder names into labels. */
public enum ClassNaming {
    /**
     * torchvision ImageFolder's rule: label = position of the folder name among the sorted names
     * (plain string order, so "10" sorts before "2").
     */
    SORTED_NAMES,
    /**
     * The folder name is the label: every class folder must be named by a non-negative integer.
     * Silent-Face-Anti-Spoofing's {@code datasets/RGB_Images/<scale>/{0,1,2}} layout, where its
     * models read 1 as live and 0, 2 as spoof kinds. Silent-Face itself loads these folders with
     * ImageFolder, and for folders named exactly 0..K-1 (K <= 10) the two rules agree; they differ
     * when a number is missing (folders 0 and 2 give labels 0 and 2 here, 0 and 1 there) or K > 10.
     */
    NUMERIC_NAMES
}
