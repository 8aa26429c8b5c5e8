package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken MP4/MOV input gives a VideoDecodeException naming the file and the box, sample or codec,
 * never a raw JCodec exception or a hang. Box offsets are those of the committed fixtures:
 * baseline.mp4 is ftyp(0) free(32) mdat(40..12247) moov(12247..13120); main.mp4 ("faststart") is
 * ftyp(0) moov(32..1041) free(1041) mdat(1049..12460), its third sample starting at byte 4955.
 */
class H264Mp4ErrorsTest {
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"baseline.mp4, 12600, 'moov'", "baseline.mp4, 13119, 'moov'", "main.mp4, 500, 'moov'",
        "main.mp4, 40, 'moov'", "baseline.mp4, 6000, 'mdat'", "baseline.mp4, 48, 'mdat'", "main.mp4, 36, box header",
        "main.mp4, 20, 'ftyp'"})
    void fileCutInItsHeaderIsRefusedNamingTheBox(String name, int cut, String box) throws IOException {
        Path file = H264Fixtures.firstBytes(tmp, name, cut);
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(file, TruncatedFramePolicy.SKIP));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(box)
                && e.getMessage().contains("truncated at byte " + cut), e.getMessage());
    }

    @Test
    void fileCutInsideMdatDeliversCompleteFramesThenFailsNamingTheSample() throws IOException {
        Path file = H264Fixtures.firstBytes(tmp, "main.mp4", 6000);
        try (VideoSource video = VideoSource.open(file, TruncatedFramePolicy.FAIL)) {
            int complete = video.frameCount().orElseThrow();
            assertTrue(complete > 0 && complete < 24, "complete samples " + complete);
            for (int i = 0; i < complete; i++) {
                assertTrue(video.next().isPresent());
            }
            VideoDecodeException e = assertThrows(VideoDecodeException.class, video::next);
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("truncated")
                    && e.getMessage().contains("sample " + complete) && e.byteOffset() == 6000, e.getMessage());
        }
    }

    @Test
    void fileCutInsideMdatUnderSkipEndsAtTheCutAndCountsTheLostSamples() throws IOException {
        Path file = H264Fixtures.firstBytes(tmp, "main.mp4", 6000);
        H264Fixtures.Reference ref = H264Fixtures.reference("main.mp4");
        try (VideoSource video = VideoSource.open(file, TruncatedFramePolicy.SKIP)) {
            List<VideoFrame> frames = video.readAll();
            assertEquals(24 - frames.size(), video.skippedFrames());
            // The frames kept are complete and bit-exact; with B-frames they need not be the first ones shown.
            try (H264Mp4Reader cut = H264Mp4Reader.open(file, TruncatedFramePolicy.SKIP)) {
                List<String> all = List.of(ref.md5());
                for (Optional<Yuv420Picture> p = cut.nextPicture(); p.isPresent(); p = cut.nextPicture()) {
                    assertTrue(all.contains(H264Mp4ReaderTest.md5(p.get())), "a kept frame is not one of ffmpeg's");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"mpeg4.mov, MPEG-4 Part 2, mp4v", "mjpeg.mov, Motion JPEG, jpeg"})
    void nonH264TrackIsRefusedNamingItsCodec(String name, String codec, String fourcc) {
        Path file = H264Fixtures.file(name);
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(file, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(codec)
                && e.getMessage().contains("'" + fourcc + "'") && e.getMessage().contains("not H.264"), e.getMessage());
    }

    @Test
    void ftypFollowedByGarbageIsRefusedAsCorrupt() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        byte[] ftyp = Files.readAllBytes(H264Fixtures.file("baseline.mp4"));
        System.arraycopy(ftyp, 0, bytes, 0, 32);
        Path file = tmp.resolve("garbage.mp4");
        Files.write(file, bytes);
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(file, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.byteOffset() == 32, e.getMessage());
    }

    @Test
    void mp4WithoutMovieBoxIsRefusedNamingTheMissingBox() throws IOException {
        Path file = tmp.resolve("header_only.mp4");
        Files.write(file, new byte[] {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(file, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().contains("no 'moov' box"), e.getMessage());
    }

    @Test
    void everyCutOfTheFaststartFileEndsInFramesOrADecodeException() {
        // A sweep over cut points (every 97 bytes, headers and samples alike): each must either read
        // or fail cleanly, within the time limit (JCodec alone can loop forever on a cut 'moov').
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (int cut = 1; cut < 12460; cut += 97) {
                readOrFailCleanly(H264Fixtures.firstBytes(tmp, "main.mp4", cut), "cut at " + cut);
            }
        });
    }

    @Test
    void corruptSampleBytesEndInFramesOrADecodeExceptionNamingTheSample() {
        // 64 random bytes over the samples in 'mdat' (40..12247). JCodec mostly throws (index out of
        // bounds, bad VLC prefix) somewhere; each failure must come out naming the file and sample.
        // JCodec also logs warnings on these (IPCM macroblocks): none may reach stdout, which
        // `vigil blink --json` owns.
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            corruptSamples();
        } finally {
            System.setOut(stdout);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    private void corruptSamples() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            byte[] original = Files.readAllBytes(H264Fixtures.file("baseline.mp4"));
            Random random = new Random(8);
            int namedSample = 0;
            for (int trial = 0; trial < 12; trial++) {
                byte[] bytes = original.clone();
                int at = 40 + 16 + random.nextInt(12_000);
                for (int i = 0; i < 64; i++) {
                    bytes[at + i] = (byte) random.nextInt(256);
                }
                Path file = tmp.resolve("corrupt_" + trial + ".mp4");
                Files.write(file, bytes);
                String error = readOrFailCleanly(file, "64 random bytes at " + at);
                namedSample += error != null && error.contains("video sample") ? 1 : 0;
            }
            assertTrue(namedSample > 0, "no corruption was reported as a decoding failure of a sample");
        });
    }

    /** Reads the whole file; returns the VideoDecodeException's message, or null if it read. */
    private static String readOrFailCleanly(Path file, String what) throws IOException {
        try (VideoSource video = VideoSource.open(file, TruncatedFramePolicy.SKIP)) {
            video.readAll();
            return null;
        } catch (VideoDecodeException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), what + ": " + e.getMessage());
            return e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": raw exception escaped: " + e, e);
        }
    }
}
