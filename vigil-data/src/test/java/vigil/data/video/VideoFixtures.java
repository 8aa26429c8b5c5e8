package vigil.data.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vigil.data.image.BgrImage;

/** Where the test videos are, and the reference numbers tools/video/make_video_fixtures.py wrote for them. */
final class VideoFixtures {
    /** One frame of a reference decoding: its time and the mean of each channel over the frame. */
    record FrameMeans(int frame, double seconds, double[] meanBgr) {
    }

    private VideoFixtures() {
    }

    /** kphotoalbum's webcam clip (GPL-2+, fetched by scripts/fetch-test-data.sh, never committed). */
    static Path kphotoalbumMovie() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data")).resolve("video/kphotoalbum_movie.avi");
    }

    static Path demoGif() {
        return Path.of(System.getProperty("vigil.shared", "../../shared")).resolve("images/silent-face/demo.gif");
    }

    static List<FrameMeans> reference(String csv) {
        try (InputStream in = Objects.requireNonNull(VideoFixtures.class.getResourceAsStream(csv), csv)) {
            List<FrameMeans> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(",");
                rows.add(new FrameMeans(Integer.parseInt(f[0]), Double.parseDouble(f[1]), new double[] {
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])}));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] meanBgr(BgrImage image) {
        double[] sum = new double[3];
        byte[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            sum[i % 3] += d[i] & 0xff;
        }
        int pixels = d.length / 3;
        return new double[] {sum[0] / pixels, sum[1] / pixels, sum[2] / pixels};
    }
}
