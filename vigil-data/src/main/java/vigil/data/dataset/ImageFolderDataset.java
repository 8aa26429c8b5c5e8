package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A folder with one sub-folder per class, the images of a class at any depth below its folder
 * (torchvision ImageFolder's layout; Silent-Face's with {@link ClassNaming#NUMERIC_NAMES}). Samples
 * come class by class in label order, and within a class in {@link ImageFileTree} order; a
 * sample's id is its file path (the root as given + the relative path).
 */
public final class ImageFolderDataset extends FileListDataset {
    private final Path root;
    private final List<String> classNames;
    private final int[] classLabels;

    private ImageFolderDataset(Path root, List<String> classNames, int[] classLabels, LabelledFiles files) {
        super(files);
        this.root = root;
        this.classNames = List.copyOf(classNames);
        this.classLabels = classLabels;
    }

    /** Lists the classes and their files; fails on a folder without classes or a class without images. */
    public static ImageFolderDataset open(Path root, ClassNaming naming) throws IOException {
        List<Path> classDirs = new ArrayList<>(ImageFileTree.subFolders(root));
        if (classDirs.isEmpty()) {
            throw new DatasetFormatException(root, 0, "no class folders (expected one sub-folder per class)");
        }
        if (naming == ClassNaming.NUMERIC_NAMES) {
            for (Path dir : classDirs) {
                numericLabel(dir);
            }
            // Label order, so the sample order does not depend on how digits sort as strings.
            classDirs.sort(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())));
        }
        int[] labels = new int[classDirs.size()];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = naming == ClassNaming.SORTED_NAMES ? c : numericLabel(classDirs.get(c));
        }
        List<Path> all = new ArrayList<>();
        List<Integer> allLabels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            Path dir = classDirs.get(c);
            List<Path> images = ImageFileTree.list(dir);
            if (images.isEmpty()) {
                throw new DatasetFormatException(dir, 0, "class folder holds no .jpg/.jpeg/.png/.bmp/.gif file");
            }
            names.add(dir.getFileName().toString());
            for (Path image : images) {
                all.add(image);
                allLabels.add(labels[c]);
            }
        }
        int[] sampleLabels = allLabels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageFolderDataset(root, names, labels, new LabelledFiles(all, sampleLabels));
    }

    private static int numericLabel(Path dir) throws DatasetFormatException {
        String name = dir.getFileName().toString();
        if (!name.matches("[0-9]{1,9}")) {
            throw new DatasetFormatException(dir, 0, "class folder name '" + name
                    + "' is not a non-negative integer (NUMERIC_NAMES needs folders named by label, like 0, 1, 2)");
        }
        return Integer.parseInt(name);
    }

    public Path root() {
        return root;
    }

    /** The class folder names in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of class {@code c} (the c-th name of {@link #classNames()}). */
    public int classLabel(int c) {
        return classLabels[c];
    }

}
