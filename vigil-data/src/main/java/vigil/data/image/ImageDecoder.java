package vigil.data.image;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import vigil.data.image.ImageDecodeException.Reason;

/**
 * Decodes JPEG, PNG, BMP and GIF (first frame) files, or the same bytes in memory, with the JDK's ImageIO into {@link BgrImage}s
 * holding the same bytes that OpenCV 4.6's {@code cv2.imread(path)} (IMREAD_COLOR) gives: the
 * JDK's JPEG decoder is the IJG one OpenCV uses (integer IDCT, fancy upsampling), the channel
 * conversions follow OpenCV's (see {@link BgrConversion}), and the EXIF orientation is applied
 * as imread applies it (see {@link ExifOrientation}). OpenCV 4.6 has no GIF decoder; GIFs decode to
 * their palette colours.
 *
 * <p>Refuses, with an {@link ImageDecodeException} naming the file: unreadable files, files no
 * decoder recognises (the content decides, not the extension), truncated files (ImageIO's JPEG
 * decoder only warns and pads the missing rows with grey; that warning is an error here), corrupt
 * data, and images whose header claims more than {@link #maxPixels()} pixels, checked before any
 * pixel memory is allocated.
 */
public final class ImageDecoder {
    /** 50 megapixels; override with -Dvigil.image.maxPixels=N or {@link #ImageDecoder(long)}. */
    public static final long DEFAULT_MAX_PIXELS = Long.getLong("vigil.image.maxPixels", 50_000_000L);

    private static final Set<String> FORMATS = Set.of("jpeg", "png", "bmp", "gif");

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("ImageDecoder: maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** Decodes with the default pixel limit. */
    public static BgrImage readBgr(Path file) throws ImageDecodeException {
        return new ImageDecoder(DEFAULT_MAX_PIXELS).decode(file);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public BgrImage decode(Path file) throws ImageDecodeException {
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "is a directory");
        }
        return decode(new Input(file, file.toString(), null));
    }

    /**
     * Decodes an encoded image held in memory (a record's image feature, an upload) exactly as the same
     * bytes in a file, EXIF orientation included; name stands for the source in error messages.
     */
    public BgrImage decode(byte[] encoded, String name) throws ImageDecodeException {
        return decode(new Input(null, name, encoded));
    }

    /** Reads the stream to its end (it is not closed) and decodes the bytes as {@link #decode(byte[], String)}. */
    public BgrImage decode(InputStream in, String name) throws ImageDecodeException {
        byte[] encoded;
        try {
            encoded = in.readAllBytes();
        } catch (IOException e) {
            throw new ImageDecodeException(name, Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
        return decode(encoded, name);
    }

    /** Decodes in-memory bytes with the default pixel limit. */
    public static BgrImage readBgr(byte[] encoded, String name) throws ImageDecodeException {
        return new ImageDecoder(DEFAULT_MAX_PIXELS).decode(encoded, name);
    }

    private BgrImage decode(Input file) throws ImageDecodeException {
        String format;
        BgrImage image;
        try (ImageInputStream in = file.open()) {
            ImageReader reader = readerFor(file, in);
            try {
                format = formatOf(reader);
                reader.setInput(in, true, true);
                image = decodeFirstImage(file, reader, format, in);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw e instanceof ImageDecodeException d ? d
                    : file.error(Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
        try (SeekableByteChannel channel = file.channel()) {
            return ExifOrientation.apply(image, ExifOrientation.read(channel, format));
        } catch (IOException e) {
            throw file.error(Reason.UNREADABLE, "reading EXIF: " + e.getMessage(), e);
        }
    }

    /** What is decoded: a file (bytes null) or bytes in memory (file null), and how errors name it. */
    private record Input(Path file, String name, byte[] bytes) {
        ImageDecodeException error(Reason reason, String detail) {
            return error(reason, detail, null);
        }

        ImageDecodeException error(Reason reason, String detail, Throwable cause) {
            return file != null ? new ImageDecodeException(file, reason, detail, cause)
                    : new ImageDecodeException(name, reason, detail, cause);
        }

        ImageInputStream open() throws ImageDecodeException {
            if (bytes != null) {
                return EncodedBytes.imageStream(bytes);
            }
            try {
                return new FileImageInputStream(file.toFile());
            } catch (FileNotFoundException e) {
                String why = Files.exists(file) ? "no permission to read it" : "no such file";
                throw error(Reason.UNREADABLE, why, e);
            } catch (IOException e) {
                throw error(Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
            }
        }

        SeekableByteChannel channel() throws IOException {
            return bytes != null ? EncodedBytes.channel(bytes) : Files.newByteChannel(file);
        }
    }

    private static ImageReader readerFor(Input file, ImageInputStream in) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            String detail;
            try {
                detail = in.length() == 0 ? "empty file" : "no decoder recognises its content";
            } catch (IOException e) {
                detail = "no decoder recognises its content";
            }
            throw file.error(Reason.NOT_AN_IMAGE, detail);
        }
        return readers.next();
    }

    private static String formatOf(ImageReader reader) throws IOException {
        String name = reader.getFormatName().toLowerCase(Locale.ROOT);
        return name.equals("jpg") ? "jpeg" : name;
    }

    private BgrImage decodeFirstImage(Input file, ImageReader reader, String format, ImageInputStream in)
            throws ImageDecodeException {
        if (!FORMATS.contains(format)) {
            throw file.error(Reason.UNSUPPORTED, format.toUpperCase(Locale.ROOT)
                    + " is not decoded here; use JPEG, PNG, BMP or GIF");
        }
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw failure(file, format, "header", e, atEnd(in));
        }
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw file.error(Reason.CORRUPT, "header gives size " + width + "x" + height);
        }
        if (pixels > maxPixels) {
            throw file.error(Reason.TOO_LARGE, "header claims " + width + "x" + height + " = "
                    + pixels + " pixels, above the limit of " + maxPixels
                    + " (decompression-bomb guard; raise it with -Dvigil.image.maxPixels)");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage decoded;
        try {
            decoded = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw failure(file, format, "pixel data", e, atEnd(in));
        }
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end")) {
                throw file.error(Reason.TRUNCATED, format.toUpperCase(Locale.ROOT)
                        + " data ends early: " + warning);
            }
        }
        if (format.equals("png") && !pngComplete(file)) {
            // libpng (and so cv2.imread) refuses a PNG whose IEND chunk is cut, even with complete pixels.
            throw file.error(Reason.TRUNCATED, "PNG ends before its IEND chunk");
        }
        return BgrConversion.toBgr(decoded).orElseThrow(() -> file.error(Reason.UNSUPPORTED,
                format.toUpperCase(Locale.ROOT) + " with colour space " + decoded.getColorModel().getColorSpace().getType()
                        + " (only grey, RGB and palette images)"));
    }

    private static boolean pngComplete(Input file) throws ImageDecodeException {
        try (SeekableByteChannel channel = file.channel()) {
            return PngChunks.endsWithIend(channel);
        } catch (IOException e) {
            throw file.error(Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
    }

    /** Whether the decoder has consumed the whole file (so a failure there means the data ran out). */
    private static boolean atEnd(ImageInputStream in) {
        try {
            long length = in.length();
            return length >= 0 && in.getStreamPosition() >= length;
        } catch (IOException e) {
            return false;
        }
    }

    /** A decoder exception classified: running out of data means truncated, anything else corrupt. */
    private static ImageDecodeException failure(Input file, String format, String part, Exception e, boolean atEnd) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (atEnd) {
            return file.error(Reason.TRUNCATED, format.toUpperCase(Locale.ROOT) + " " + part
                    + " ends early: " + message, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || m.contains("end of") || m.contains("truncated")) {
                return file.error(Reason.TRUNCATED, format.toUpperCase(Locale.ROOT) + " " + part
                        + " ends early: " + message, e);
            }
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported")) {
            return file.error(Reason.UNSUPPORTED, format.toUpperCase(Locale.ROOT) + " " + part
                    + ": " + message, e);
        }
        return file.error(Reason.CORRUPT, format.toUpperCase(Locale.ROOT) + " " + part + ": " + message, e);
    }
}
