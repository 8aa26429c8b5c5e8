package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MJPEG AVI reader on kphotoalbum's real webcam clip (68 frames, 160x120, 15 fps, JPEG frames
 * without Huffman tables, an idx1 index), against ffmpeg 5.1's decoding of it
 * (kphotoalbum_movie_ffmpeg.csv). Broken files are cut from the real one in the test.
 */
class MjpegAviReaderTest {
    /** Chunk '00dc' of frame 40 starts here (data 291036..297578); the cut below falls inside it. */
    private static final long FRAME_40_CHUNK = 291028;
    private static final int CUT_INSIDE_FRAME_40 = 295000;
    /** Where idx1 starts: cutting here leaves every frame but no index. */
    private static final int IDX1_OFFSET = 490676;

    @TempDir
    Path tmp;

    private static List<VideoFrame> decodeAll(Path file, TruncatedFramePolicy policy) throws IOException {
        try (VideoSource video = VideoSource.open(file, policy)) {
            return video.readAll();
        }
    }

    private Path firstBytes(int n) throws IOException {
        Path cut = tmp.resolve("cut_" + n + ".avi");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(VideoFixtures.kphotoalbumMovie()), n));
        return cut;
    }

    @Test
    void realClipHas68FramesOf160x120At15Fps() throws IOException {
        try (VideoSource video = VideoSource.open(VideoFixtures.kphotoalbumMovie(), TruncatedFramePolicy.FAIL)) {
            assertEquals(68, video.frameCount().orElseThrow());
            // strh rate/scale = 1000000/66666
            assertEquals(15.0, video.frameRate().orElseThrow(), 1e-3);
            List<VideoFrame> frames = video.readAll();
            assertEquals(68, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i, frames.get(i).index());
                assertEquals(160, frames.get(i).image().width());
                assertEquals(120, frames.get(i).image().height());
            }
        }
    }

    @Test
    void timestampsFollowTheStreamTimeBaseAsFfmpegDoes() throws IOException {
        List<VideoFrame> frames = decodeAll(VideoFixtures.kphotoalbumMovie(), TruncatedFramePolicy.FAIL);
        List<VideoFixtures.FrameMeans> ffmpeg = VideoFixtures.reference("kphotoalbum_movie_ffmpeg.csv");
        for (int i = 0; i < frames.size(); i++) {
            // ffprobe prints pts_time to 6 decimals; i/15 differs from i*66666/1e6 by < 5e-5 over 68 frames.
            assertEquals(ffmpeg.get(i).seconds(), frames.get(i).timestampSeconds(), 1e-6, "frame " + i);
            assertEquals(i / 15.0, frames.get(i).timestampSeconds(), 1e-4, "frame " + i);
        }
    }

    /**
     * ffmpeg's own JPEG decoder and libjpeg (ImageIO) differ in chroma upsampling and rounding:
     * measured over all 68 frames, mean absolute pixel difference 0.44 levels, maximum 10 (at
     * chroma edges), per-frame channel means within 0.06. Tolerance: 0.25 levels on the means, four
     * times that; a wrong colour conversion or missing Huffman tables move them by tens of levels.
     */
    @Test
    void frameMeansMatchFfmpegDecodingWithinAQuarterLevel() throws IOException {
        List<VideoFrame> frames = decodeAll(VideoFixtures.kphotoalbumMovie(), TruncatedFramePolicy.FAIL);
        List<VideoFixtures.FrameMeans> ffmpeg = VideoFixtures.reference("kphotoalbum_movie_ffmpeg.csv");
        assertEquals(ffmpeg.size(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(ffmpeg.get(i).meanBgr(), VideoFixtures.meanBgr(frames.get(i).image()), 0.25, "frame " + i);
        }
    }

    @Test
    void withoutIdx1TheMoviWalkFindsTheSameFrames() throws IOException {
        List<VideoFrame> indexed = decodeAll(VideoFixtures.kphotoalbumMovie(), TruncatedFramePolicy.FAIL);
        List<VideoFrame> walked = decodeAll(firstBytes(IDX1_OFFSET), TruncatedFramePolicy.FAIL);
        assertEquals(indexed.size(), walked.size());
        for (int i = 0; i < walked.size(); i++) {
            assertArrayEquals(indexed.get(i).image().data(), walked.get(i).image().data(), "frame " + i);
            assertEquals(indexed.get(i).timestampSeconds(), walked.get(i).timestampSeconds(), 0.0);
        }
    }

    @Test
    void truncatedLastFrameFailsNamingTheFileAndTheChunkOffset() throws IOException {
        Path cut = firstBytes(CUT_INSIDE_FRAME_40);
        try (VideoSource video = VideoSource.open(cut, TruncatedFramePolicy.FAIL)) {
            for (int i = 0; i < 40; i++) {
                assertTrue(video.next().isPresent(), "complete frame " + i + " is delivered before the cut");
            }
            VideoDecodeException e = assertThrows(VideoDecodeException.class, video::next);
            assertEquals(FRAME_40_CHUNK, e.byteOffset());
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("byte offset " + FRAME_40_CHUNK), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void truncatedLastFrameIsSkippedAndCountedWhenAsked() throws IOException {
        try (VideoSource video = VideoSource.open(firstBytes(CUT_INSIDE_FRAME_40), TruncatedFramePolicy.SKIP)) {
            List<VideoFrame> frames = video.readAll();
            assertEquals(40, frames.size());
            assertEquals(1, video.skippedFrames());
            assertEquals(39 * 66666 / 1e6, frames.get(39).timestampSeconds(), 1e-9);
        }
    }

    @Test
    void fileCutInsideItsHeadersIsRefusedWithTheOffset() throws IOException {
        Path cut = firstBytes(200); // hdrl runs from byte 12 to 346
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(cut, TruncatedFramePolicy.SKIP));
        assertEquals(12, e.byteOffset());
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("hdrl"), e.getMessage());
    }

    @Test
    void riffThatIsNotAviIsRefused() throws IOException {
        Path wav = tmp.resolve("sound.avi");
        byte[] header = "RIFF\u0024\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(wav, Arrays.copyOf(header, 44));
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(wav, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().contains("not an AVI file") && e.getMessage().contains("WAVE"), e.getMessage());
    }

    @Test
    void corruptChunkIdInsideMoviIsRefusedWithItsOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(VideoFixtures.kphotoalbumMovie());
        byte[] noIndex = Arrays.copyOf(bytes, IDX1_OFFSET);
        noIndex[(int) FRAME_40_CHUNK] = 0x01; // '00dc' -> '\u000100dc'
        Path bad = tmp.resolve("bad_id.avi");
        Files.write(bad, noIndex);
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(bad, TruncatedFramePolicy.FAIL));
        assertEquals(FRAME_40_CHUNK, e.byteOffset());
    }
    @Test
    void frameThatIsNotJpegIsRefusedNamingFrameAndOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(VideoFixtures.kphotoalbumMovie());
        int frame0Data = 13092 + 8;
        bytes[frame0Data] = 0;
        bytes[frame0Data + 1] = 0; // no SOI marker
        Path bad = tmp.resolve("bad_jpeg.avi");
        Files.write(bad, bytes);
        try (VideoSource video = VideoSource.open(bad, TruncatedFramePolicy.FAIL)) {
            VideoDecodeException e = assertThrows(VideoDecodeException.class, video::next);
            assertEquals(frame0Data, e.byteOffset());
            assertTrue(e.getMessage().contains("frame 0"), e.getMessage());
        }
    }
}
