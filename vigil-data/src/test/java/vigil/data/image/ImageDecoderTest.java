package vigil.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.data.image.ImageDecodeException.Reason;

/**
 * ImageDecoder against cv2.imread of OpenCV 4.6: decode_cases.txt (written by make_fixtures.py)
 * holds the SHA-256 of the BGR bytes cv2 gives for each fixture in decode/; the shared sample
 * photos' hashes were computed the same way. Bad files are made in the test.
 */
class ImageDecoderTest {
    @TempDir
    Path tmp;

    record DecodeCase(String file, int width, int height, String reference, String sha256) {
        @Override
        public String toString() {
            return file + " (" + reference + ")";
        }
    }

    static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(ImageDecoderTest.class.getResource("decode")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<DecodeCase> recordedCases() throws IOException {
        List<String> lines = Files.readAllLines(fixtures().resolveSibling("decode_cases.txt"));
        return lines.stream().filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.trim().split(" ");
            return new DecodeCase(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], f[4]);
        });
    }

    static Path shared(String relative) {
        return Path.of(System.getProperty("vigil.shared", "../../shared")).resolve(relative);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCases")
    void decodesLikeOpenCvImread(DecodeCase c) throws IOException {
        BgrImage image = ImageDecoder.readBgr(fixtures().resolve(c.file()));
        assertEquals(c.width() + "x" + c.height(), image.width() + "x" + image.height());
        assertEquals(c.sha256(), OpenCvResizeTest.sha256(image.data()), "BGR bytes differ from " + c.reference());
    }

    @Test
    void samplePhotosDecodeLikeOpenCvWithTheirExifRotation() throws IOException {
        // cv2.imread hashes; the files are stored 640x480 with EXIF orientation 6, so cv2 returns 480x640.
        String[][] expected = {
            {"image_F1.jpg", "2a3b1422bd7917fa2897f5b499552fdd2e781a994a36845130b5f1905c3a387a"},
            {"image_F2.jpg", "4591290e211b26ffaa38fc5d76bc6ab3d02975497755fab7b30b2cb7d1e45f35"},
            {"image_T1.jpg", "ef12a66d06a3bd85e67a37f08edcca7e7489abdcb0cbed4e692bb9c0344d06ba"},
        };
        for (String[] e : expected) {
            BgrImage image = ImageDecoder.readBgr(shared("images/silent-face/" + e[0]));
            assertEquals("480x640", image.width() + "x" + image.height(), e[0]);
            assertEquals(e[1], OpenCvResizeTest.sha256(image.data()), e[0]);
        }
    }

    @Test
    void truncatedJpegIsRefusedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(shared("images/silent-face/image_T1.jpg"));
        Path cut = tmp.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 5));
        assertRefused(cut, Reason.TRUNCATED);
    }

    @Test
    void jpegMissingOnlyItsEndMarkerIsRefusedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(shared("images/silent-face/image_T1.jpg"));
        Path cut = tmp.resolve("no-eoi.jpg");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 2));
        assertRefused(cut, Reason.TRUNCATED);
    }

    @Test
    void truncatedPngIsRefusedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(fixtures().resolve("rgb.png"));
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertRefused(cut, Reason.TRUNCATED);
    }

    @Test
    void pngCutInsideItsEndChunkIsRefusedAsTruncated() throws IOException {
        // The pixels are complete, but libpng (so cv2.imread) rejects the file; so do we.
        byte[] whole = Files.readAllBytes(fixtures().resolve("rgb.png"));
        Path cut = tmp.resolve("cut-iend.png");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 2));
        assertRefused(cut, Reason.TRUNCATED);
    }

    @Test
    void textFileNamedJpgIsNotAnImage() throws IOException {
        Path text = tmp.resolve("notes.jpg");
        Files.writeString(text, "this is not a picture\n", StandardCharsets.UTF_8);
        assertRefused(text, Reason.NOT_AN_IMAGE);
    }

    @Test
    void emptyFileIsNotAnImage() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        assertRefused(empty, Reason.NOT_AN_IMAGE);
    }

    @Test
    void missingFileIsUnreadable() {
        assertRefused(tmp.resolve("absent.jpg"), Reason.UNREADABLE);
    }

    @Test
    void directoryIsUnreadable() {
        assertRefused(tmp, Reason.UNREADABLE);
    }

    @Test
    void tiffIsUnsupported() throws IOException {
        Path tiff = tmp.resolve("image.tif");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR), "tiff", tiff.toFile());
        assertRefused(tiff, Reason.UNSUPPORTED);
    }

    @Test
    void headerClaimingTenGigapixelsIsRefusedBeforeAnyPixelIsDecoded() throws IOException {
        // A valid 100000x100000 PNG header over a few bytes of data: decoding would need 30 GB.
        Path bomb = tmp.resolve("bomb.png");
        Files.write(bomb, pngWithHeader(100_000, 100_000));
        ImageDecodeException e = assertRefused(bomb, Reason.TOO_LARGE);
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void pixelLimitIsConfigurable() throws IOException {
        Path small = fixtures().resolve("rgb.png"); // 13 x 7 = 91 pixels
        assertEquals(Reason.TOO_LARGE,
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder(90).decode(small)).reason());
        assertEquals(13, new ImageDecoder(91).decode(small).width());
    }

    private static ImageDecodeException assertRefused(Path file, Reason reason) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.readBgr(file));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message must name the file: " + e.getMessage());
        return e;
    }

    /** An 8-bit RGB PNG whose IHDR claims width x height, with one tiny IDAT and IEND. */
    private static byte[] pngWithHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
