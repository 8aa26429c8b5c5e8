package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H.264 decoding is bit-exact by the standard, so JCodec's planes must equal ffmpeg's exactly, frame
 * by frame in presentation order, with the container's timestamps (references: h264/*.framemd5.csv).
 */
class H264Mp4ReaderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"baseline.mp4", "main.mp4", "high.mp4", "clip.mov", "vfr.mp4", "full_range.mp4"})
    void decodedPlanesEqualFfmpegFrameByFrameInPresentationOrder(String name) throws IOException {
        H264Fixtures.Reference ref = H264Fixtures.reference(name);
        List<String> md5 = new ArrayList<>();
        try (H264Mp4Reader reader = H264Mp4Reader.open(H264Fixtures.file(name), TruncatedFramePolicy.FAIL)) {
            for (Optional<Yuv420Picture> p = reader.nextPicture(); p.isPresent(); p = reader.nextPicture()) {
                assertEquals(160, p.get().width(), name);
                assertEquals(120, p.get().height(), name);
                md5.add(md5(p.get()));
            }
        }
        assertEquals(List.of(ref.md5()), md5, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline.mp4", "main.mp4", "clip.mov", "vfr.mp4"})
    void timestampsAreTheContainersPresentationTimes(String name) throws IOException {
        H264Fixtures.Reference ref = H264Fixtures.reference(name);
        try (VideoSource video = VideoSource.open(H264Fixtures.file(name), TruncatedFramePolicy.FAIL)) {
            List<VideoFrame> frames = video.readAll();
            double[] expected = new double[ref.frames()];
            double[] actual = new double[frames.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (double) ref.pts()[i] / ref.timescale();
            }
            for (int i = 0; i < actual.length; i++) {
                assertEquals(i, frames.get(i).index());
                actual[i] = frames.get(i).timestampSeconds();
            }
            // Same integer pts over the same timescale: the doubles must be identical.
            assertArrayEquals(expected, actual, 0.0, name);
        }
    }

    @Test
    void variableFrameRateFileKeepsItsUnevenGaps() throws IOException {
        // make-h264-fixtures.sh shows frame n at (n*n + 20n) ms: gaps 21, 23, 25, ... ms.
        try (VideoSource video = VideoSource.open(H264Fixtures.file("vfr.mp4"), TruncatedFramePolicy.FAIL)) {
            List<VideoFrame> frames = video.readAll();
            assertEquals(24, frames.size());
            for (int n = 0; n < frames.size(); n++) {
                assertEquals((n * n + 20 * n) / 1000.0, frames.get(n).timestampSeconds(), 1e-12, "frame " + n);
            }
        }
    }

    @Test
    void constantRateFileReportsItsNominalRateAndCount() throws IOException {
        try (VideoSource video = VideoSource.open(H264Fixtures.file("main.mp4"), TruncatedFramePolicy.FAIL)) {
            // 24 samples of 1024 / 15360 s each: 15 fps exactly (a binary fraction, no rounding).
            assertEquals(15.0, video.frameRate().orElseThrow(), 1e-12);
            assertEquals(24, video.frameCount().orElseThrow());
        }
    }

    @Test
    void variableRateFileReportsItsMeanRateOverThePresentedSpan() throws IOException {
        try (VideoSource video = VideoSource.open(H264Fixtures.file("vfr.mp4"), TruncatedFramePolicy.FAIL)) {
            // 23 gaps between frame 0 (0 ms) and frame 23 (23*23 + 20*23 = 989 ms).
            assertEquals(23 / 0.989, video.frameRate().orElseThrow(), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mov", "main.mp4"})
    void contentNotNameChoosesTheReader(String name) throws IOException {
        Path renamed = tmp.resolve("renamed_" + name + ".avi");
        Files.copy(H264Fixtures.file(name), renamed, StandardCopyOption.REPLACE_EXISTING);
        try (VideoSource video = VideoSource.open(renamed, TruncatedFramePolicy.FAIL)) {
            assertTrue(video instanceof H264Mp4Reader, video.getClass().getName());
            assertEquals(24, video.readAll().size());
        }
    }

    @Test
    void closeShutsDownTheDecodersThreadPool() throws Exception {
        // JCodec gives each decoder a thread pool and no close; H264Track.release reaches it by name.
        H264Mp4Reader reader = H264Mp4Reader.open(H264Fixtures.file("baseline.mp4"), TruncatedFramePolicy.FAIL);
        reader.next();
        java.lang.reflect.Field tp = org.jcodec.codecs.h264.H264Decoder.class.getDeclaredField("tp");
        tp.setAccessible(true);
        java.lang.reflect.Field decoder = H264Mp4Reader.class.getDeclaredField("decoder");
        decoder.setAccessible(true);
        var pool = (java.util.concurrent.ExecutorService) tp.get(decoder.get(reader));
        reader.close();
        // On a 1-core machine JCodec makes no pool at all; then there is nothing to stop.
        assertTrue(pool == null || pool.isShutdown());
    }

    static String md5(Yuv420Picture p) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(p.y());
            md.update(p.u());
            md.update(p.v());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
