package vigil.data.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import vigil.data.image.ImageDecodeException;
import vigil.data.image.ImageDecoder;

/**
 * A directory of still images (JPEG, PNG, BMP, GIF by extension) as a video at a given frame rate:
 * frame k is the k-th file in natural name order (digit runs compared as numbers, so
 * {@code frame2.png} comes before {@code frame10.png}) shown at k / fps seconds. Each file is
 * decoded by {@link ImageDecoder} when its turn comes; other files in the directory are ignored.
 */
public final class FrameFolderReader implements VideoSource {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private final Path directory;
    private final List<Path> files;
    private final double fps;
    private int next;

    private FrameFolderReader(Path directory, List<Path> files, double fps) {
        this.directory = directory;
        this.files = files;
        this.fps = fps;
    }

    public static FrameFolderReader open(Path directory, double fps) throws VideoDecodeException {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("FrameFolderReader: fps must be positive and finite, got " + fps);
        }
        if (!Files.isDirectory(directory)) {
            throw new VideoDecodeException(directory, VideoDecodeException.NO_OFFSET, "is not a directory of frames");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).filter(FrameFolderReader::isImageName)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), FrameFolderReader::compareNatural))
                    .toList();
        } catch (IOException e) {
            throw new VideoDecodeException(directory, VideoDecodeException.NO_OFFSET, "cannot list: " + e, e);
        }
        if (files.isEmpty()) {
            throw new VideoDecodeException(directory, VideoDecodeException.NO_OFFSET,
                    "holds no frame images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
        }
        return new FrameFolderReader(directory, files, fps);
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Natural order: runs of digits compare by value, everything else character by character. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                String da = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
                String db = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    @Override
    public Path path() {
        return directory;
    }

    /** The frame files in playing order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public OptionalDouble frameRate() {
        return OptionalDouble.of(fps);
    }

    @Override
    public OptionalInt frameCount() {
        return OptionalInt.of(files.size());
    }

    @Override
    public Optional<VideoFrame> next() throws VideoDecodeException {
        if (next >= files.size()) {
            return Optional.empty();
        }
        Path file = files.get(next);
        try {
            VideoFrame frame = new VideoFrame(ImageDecoder.readBgr(file), next, next / fps);
            next++;
            return Optional.of(frame);
        } catch (ImageDecodeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "frame " + next + " of "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held between frames
    }
}
