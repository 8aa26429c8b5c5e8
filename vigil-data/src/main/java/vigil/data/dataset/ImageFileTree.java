package vigil.data.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files under a folder, in torchvision {@code ImageFolder}'s order: every file whose
 * name ends (case-insensitively) in .jpg, .jpeg, .png, .bmp or .gif (what {@code ImageDecoder}
 * reads), at any depth, following links, sorted by containing folder (its path string relative to
 * the root, '/'-separated) and then by file name. That is {@code sorted(os.walk(root))} with
 * {@code sorted(fnames)}, so a folder lists the same files in the same order here and there.
 * Unlike ImageFolder, folders and files whose name starts with '.' are skipped (editor and
 * notebook litter such as {@code .ipynb_checkpoints}).
 */
public final class ImageFileTree {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFileTree() {}

    /** Whether a file name has one of the image extensions. */
    public static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The image files under root (resolved against root as given), in ImageFolder order. */
    public static List<Path> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(p -> !hidden(root.relativize(p)) && isImageName(p.getFileName().toString())
                    && Files.isRegularFile(p)).forEach(files::add);
        } catch (UncheckedIOException e) {
            throw new IOException(root + ": listing failed: " + e.getCause().getMessage(), e.getCause());
        }
        files.sort(Comparator.comparing((Path p) -> folderKey(root, p)).thenComparing(p -> p.getFileName().toString()));
        return files;
    }

    /** The sub-folders directly inside root (not hidden), sorted by name. */
    public static List<Path> subFolders(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .forEach(dirs::add);
        }
        dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return dirs;
    }

    /** The containing folder relative to root, '/'-separated ("" for root itself). */
    static String folderKey(Path root, Path file) {
        Path parent = root.relativize(file).getParent();
        if (parent == null) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (Path part : parent) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
