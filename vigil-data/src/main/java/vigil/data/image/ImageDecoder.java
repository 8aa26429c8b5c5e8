package vigil.data.image;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
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
 * Decodes JPEG, PNG, BMP and GIF (first frame) files with the JDK's ImageIO into {@link BgrImage}s
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
        String format;
        BgrImage image;
        try (ImageInputStream in = open(file)) {
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
                    : new ImageDecodeException(file, Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
        try {
            return ExifOrientation.apply(image, ExifOrientation.read(file, format));
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, "reading EXIF: " + e.getMessage(), e);
        }
    }

    private static ImageInputStream open(Path file) throws ImageDecodeException {
        try {
            return new FileImageInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            String why = Files.exists(file) ? "no permission to read it" : "no such file";
            throw new ImageDecodeException(file, Reason.UNREADABLE, why, e);
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
    }

    private static ImageReader readerFor(Path file, ImageInputStream in) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            String detail;
            try {
                detail = in.length() == 0 ? "empty file" : "no decoder recognises its content";
            } catch (IOException e) {
                detail = "no decoder recognises its content";
            }
            throw new ImageDecodeException(file, Reason.NOT_AN_IMAGE, detail);
        }
        return readers.next();
    }

    private static String formatOf(ImageReader reader) throws IOException {
        String name = reader.getFormatName().toLowerCase(Locale.ROOT);
        return name.equals("jpg") ? "jpeg" : name;
    }

    private BgrImage decodeFirstImage(Path file, ImageReader reader, String format, ImageInputStream in)
            throws ImageDecodeException {
        if (!FORMATS.contains(format)) {
            throw new ImageDecodeException(file, Reason.UNSUPPORTED, format.toUpperCase(Locale.ROOT)
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
            throw new ImageDecodeException(file, Reason.CORRUPT, "header gives size " + width + "x" + height);
        }
        if (pixels > maxPixels) {
            throw new ImageDecodeException(file, Reason.TOO_LARGE, "header claims " + width + "x" + height + " = "
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
                throw new ImageDecodeException(file, Reason.TRUNCATED, format.toUpperCase(Locale.ROOT)
                        + " data ends early: " + warning);
            }
        }
        if (format.equals("png") && !pngComplete(file)) {
            // libpng (and so cv2.imread) refuses a PNG whose IEND chunk is cut, even with complete pixels.
            throw new ImageDecodeException(file, Reason.TRUNCATED, "PNG ends before its IEND chunk");
        }
        return BgrConversion.toBgr(decoded).orElseThrow(() -> new ImageDecodeException(file, Reason.UNSUPPORTED,
                format.toUpperCase(Locale.ROOT) + " with colour space " + decoded.getColorModel().getColorSpace().getType()
                        + " (only grey, RGB and palette images)"));
    }

    private static boolean pngComplete(Path file) throws ImageDecodeException {
        try {
            return PngChunks.endsWithIend(file);
        } catch (IOException e) {
            throw new ImageDecodeException(file, Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
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
    private static ImageDecodeException failure(Path file, String format, String part, Exception e, boolean atEnd) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (atEnd) {
            return new ImageDecodeException(file, Reason.TRUNCATED, format.toUpperCase(Locale.ROOT) + " " + part
                    + " ends early: " + message, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || m.contains("end of") || m.contains("truncated")) {
                return new ImageDecodeException(file, Reason.TRUNCATED, format.toUpperCase(Locale.ROOT) + " " + part
                        + " ends early: " + message, e);
            }
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported")) {
            return new ImageDecodeException(file, Reason.UNSUPPORTED, format.toUpperCase(Locale.ROOT) + " " + part
                    + ": " + message, e);
        }
        return new ImageDecodeException(file, Reason.CORRUPT, format.toUpperCase(Locale.ROOT) + " " + part + ": " + message, e);
    }
}
