package vigil.liveness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.video.MjpegAviReader;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoFrame;

/**
 * One subject of the benchmark: a photo (every face in it) or a video clip (its faces over time).
 * Photos of the same person taken apart are still separate subjects; the split is by source file,
 * which is what keeps a test face from having a near-copy in training.
 *
 * @param id   "photo/NAME" or "video/NAME" (the file name without extension), unique in a benchmark
 * @param file the image or MJPEG AVI
 */
public record LiveSubject(String id, Path file, boolean video) {

    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    /** The frames to look for faces in: the photo, or every videoEvery-th frame of the clip. */
    public List<BgrImage> frames(int videoEvery) throws IOException {
        if (!video) {
            return List.of(ImageDecoder.readBgr(file));
        }
        List<BgrImage> out = new ArrayList<>();
        try (MjpegAviReader reader = MjpegAviReader.open(file, TruncatedFramePolicy.SKIP)) {
            Optional<VideoFrame> f;
            while ((f = reader.next()).isPresent()) {
                if (f.get().index() % videoEvery == 0) {
                    out.add(f.get().image());
                }
            }
        }
        return out;
    }

    /**
     * The subjects under each source path, sorted by id: an image file is one photo subject, a folder
     * contributes each image file directly in it, an .avi one video subject. Paths that do not exist are
     * skipped and listed in missing (optional data another step may not have fetched); a duplicate id
     * is an error.
     */
    public static List<LiveSubject> discover(List<Path> sources, List<Path> missing) throws IOException {
        List<LiveSubject> subjects = new ArrayList<>();
        for (Path source : sources) {
            if (!Files.exists(source)) {
                missing.add(source);
                continue;
            }
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(source)) {
                try (Stream<Path> s = Files.list(source)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(source);
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                String stem = dot > 0 ? name.substring(0, dot) : name;
                if (lower.endsWith(".avi")) {
                    subjects.add(new LiveSubject("video/" + stem, f, true));
                } else if (IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                    subjects.add(new LiveSubject("photo/" + stem, f, false));
                }
            }
        }
        subjects.sort((a, b) -> a.id().compareTo(b.id()));
        for (int i = 1; i < subjects.size(); i++) {
            if (subjects.get(i).id().equals(subjects.get(i - 1).id())) {
                throw new IOException("two subjects are called " + subjects.get(i).id() + ": "
                        + subjects.get(i - 1).file() + " and " + subjects.get(i).file());
            }
        }
        return subjects;
    }
}
