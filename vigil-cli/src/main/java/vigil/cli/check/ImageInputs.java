package vigil.cli.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands command-line arguments: files as given, folders to their image files (by extension, sorted). */
public final class ImageInputs {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    private ImageInputs() {
    }

    public static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> Files.isRegularFile(f) && isImageName(f)).sorted().forEach(out::add);
                }
            } else {
                out.add(p); // a missing or odd file becomes a per-image error, not a crash
            }
        }
        return out;
    }

    static boolean isImageName(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
