package vigil.face.landmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.video.MjpegAviReader;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoFrame;
import vigil.tensor.io.Json;

/**
 * The face-api models and photos (fetched by scripts/fetch-test-data.sh) and the TF.js reference
 * outputs that tools/face-api-goldens/make_goldens.mjs wrote for them.
 */
final class FaceApiFixtures {
    private FaceApiFixtures() {
    }

    static Path dataCache() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data"));
    }

    static Path modelDir() {
        return dataCache().resolve("face-api");
    }

    static Path movie() {
        return dataCache().resolve("video/kphotoalbum_movie.avi");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> goldenCases() throws IOException {
        try (InputStream in = Objects.requireNonNull(FaceApiFixtures.class.getResourceAsStream("/face-api/goldens.json"))) {
            Map<String, Object> root = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) root.get("cases");
        }
    }

    /** The image a golden case was computed on: a photo, or "movieN" for frame N of the kphotoalbum clip. */
    static BgrImage image(String caseName) throws IOException {
        if (caseName.startsWith("movie")) {
            return movieFrame(Integer.parseInt(caseName.substring(5)));
        }
        Path file = switch (caseName) {
            case "grace_hopper" -> dataCache().resolve("photos/grace_hopper_512x512.jpg");
            default -> modelDir().resolve(caseName + ".jpg");
        };
        return ImageDecoder.readBgr(file);
    }

    static BgrImage movieFrame(int index) throws IOException {
        try (MjpegAviReader reader = MjpegAviReader.open(movie(), TruncatedFramePolicy.FAIL)) {
            Optional<VideoFrame> f;
            while ((f = reader.next()).isPresent()) {
                if (f.get().index() == index) {
                    return f.get().image();
                }
            }
        }
        throw new IOException(movie() + ": no frame " + index);
    }

    /** SHA-256 of the image as RGB bytes, the digest make_goldens.mjs records for its input. */
    static String rgbSha256(BgrImage image) {
        byte[] bgr = image.data();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rgb));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    static float number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).floatValue();
    }
}
