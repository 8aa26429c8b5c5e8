package vigil.data.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The committed H.264 fixtures and ffmpeg's decoding of them, written by
 * tools/video-fixtures/make-h264-fixtures.sh (see it for what each file exercises).
 */
final class H264Fixtures {
    /** ffmpeg's decoding: the track time base and, per frame in presentation order, pts and MD5 of Y+U+V. */
    record Reference(long timescale, long[] pts, String[] md5) {
        int frames() {
            return pts.length;
        }
    }

    private H264Fixtures() {
    }

    static Path file(String name) {
        URL url = Objects.requireNonNull(H264Fixtures.class.getResource("h264/" + name), "fixture h264/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses NAME.framemd5.csv: "# time_base 1/T; ..." then "frame,pts,md5" rows. */
    static Reference reference(String name) {
        try {
            List<String> lines = Files.readAllLines(file(name + ".framemd5.csv"));
            String header = lines.get(0);
            long timescale = Long.parseLong(header.substring(header.indexOf("1/") + 2, header.indexOf(';')));
            List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
            rows.removeIf(String::isBlank);
            long[] pts = new long[rows.size()];
            String[] md5 = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String[] f = rows.get(i).split(",");
                if (Integer.parseInt(f[0]) != i) {
                    throw new IllegalStateException(name + ".framemd5.csv row " + i + " is frame " + f[0]);
                }
                pts[i] = Long.parseLong(f[1]);
                md5[i] = f[2];
            }
            return new Reference(timescale, pts, md5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the first n bytes of fixture name, in dir. */
    static Path firstBytes(Path dir, String name, int n) throws IOException {
        byte[] all = Files.readAllBytes(file(name));
        Path cut = dir.resolve("cut_" + n + "_" + name);
        Files.write(cut, Arrays.copyOf(all, n));
        return cut;
    }
}
