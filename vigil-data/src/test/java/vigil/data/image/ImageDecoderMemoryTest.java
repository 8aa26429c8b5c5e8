package vigil.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.data.image.ImageDecodeException.Reason;

/** Decoding from memory gives what decoding the same bytes from a file gives: pixels, EXIF rotation, refusals. */
class ImageDecoderMemoryTest {
    static java.util.stream.Stream<ImageDecoderTest.DecodeCase> recordedCases() throws IOException {
        return ImageDecoderTest.recordedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCases")
    void bytesDecodeLikeTheFileTheyCameFrom(ImageDecoderTest.DecodeCase c) throws IOException {
        Path file = ImageDecoderTest.fixtures().resolve(c.file());
        BgrImage image = ImageDecoder.readBgr(Files.readAllBytes(file), c.file());
        assertEquals(c.width() + "x" + c.height(), image.width() + "x" + image.height());
        assertEquals(c.sha256(), OpenCvResizeTest.sha256(image.data()), "BGR bytes differ from " + c.reference());
    }

    @Test
    void exifOrientationIsAppliedToBytesAndStreams() throws IOException {
        // Stored 640x480 with EXIF orientation 6: cv2.imread (and the file path) give 480x640.
        Path photo = ImageDecoderTest.shared("images/silent-face/image_F1.jpg");
        byte[] bytes = Files.readAllBytes(photo);
        BgrImage fromFile = ImageDecoder.readBgr(photo);
        BgrImage fromBytes = ImageDecoder.readBgr(bytes, "F1");
        BgrImage fromStream = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS).decode(new ByteArrayInputStream(bytes), "F1");
        assertEquals("480x640", fromBytes.width() + "x" + fromBytes.height());
        assertEquals("2a3b1422bd7917fa2897f5b499552fdd2e781a994a36845130b5f1905c3a387a", OpenCvResizeTest.sha256(fromBytes.data()));
        assertArrayEquals(fromFile.data(), fromBytes.data());
        assertArrayEquals(fromFile.data(), fromStream.data());
    }

    @Test
    void truncatedBytesAreRefusedAndNamedBySource() throws IOException {
        byte[] whole = Files.readAllBytes(ImageDecoderTest.shared("images/silent-face/image_T1.jpg"));
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.readBgr(Arrays.copyOf(whole, whole.length * 2 / 5), "record 7 image"));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().startsWith("record 7 image: truncated image"), e.getMessage());
        assertNull(e.file(), "no file behind an in-memory image");
    }

    @Test
    void textIsNotAnImageAndPngCutInItsEndChunkIsTruncated() throws IOException {
        assertEquals(Reason.NOT_AN_IMAGE, assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.readBgr("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "text")).reason());
        byte[] png = Files.readAllBytes(ImageDecoderTest.fixtures().resolve("rgb.png"));
        assertEquals(Reason.TRUNCATED, assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.readBgr(Arrays.copyOf(png, png.length - 2), "cut png")).reason());
    }
}
