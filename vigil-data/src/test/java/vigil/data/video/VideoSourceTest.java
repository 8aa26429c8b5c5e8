package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VideoSource.open picks the reader by content and refuses what it cannot read, naming the file. */
class VideoSourceTest {
    @TempDir
    Path tmp;

    @Test
    void aviIsOpenedByContentWhateverItsName() throws IOException {
        Path renamed = tmp.resolve("clip.gif");
        Files.copy(VideoFixtures.kphotoalbumMovie(), renamed);
        try (VideoSource video = VideoSource.open(renamed, TruncatedFramePolicy.FAIL)) {
            assertTrue(video instanceof MjpegAviReader);
            assertEquals(68, video.frameCount().orElseThrow());
        }
    }

    @Test
    void textFileIsRefusedAsNotAVideo() throws IOException {
        Path text = tmp.resolve("notes.avi");
        Files.writeString(text, "hello, not a video\n", StandardCharsets.US_ASCII);
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(text, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not a video format"),
                e.getMessage());
    }

    @Test
    void mp4IsOpenedByItsFtypBoxWhateverItsName() throws IOException {
        Path renamed = tmp.resolve("clip.gif");
        Files.copy(H264Fixtures.file("baseline.mp4"), renamed);
        try (VideoSource video = VideoSource.open(renamed, TruncatedFramePolicy.FAIL)) {
            assertTrue(video instanceof H264Mp4Reader);
            assertEquals(24, video.frameCount().orElseThrow());
        }
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.avi"));
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(empty, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path missing = tmp.resolve("absent.avi");
        VideoDecodeException e = assertThrows(VideoDecodeException.class,
                () -> VideoSource.open(missing, TruncatedFramePolicy.FAIL));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
