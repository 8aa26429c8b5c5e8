package vigil.data.augment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Encodes to JPEG at a quality 1..100 and decodes again (javax.imageio): the block artefacts of a re-saved capture. */
public record JpegReencode(Range quality) implements AugmentOp {
    public JpegReencode {
        quality.requireWithin("jpeg quality", 1, 100);
    }

    public static JpegReencode fromArgs(OpArgs args) {
        return new JpegReencode(args.range("quality", new Range(30, 95)));
    }

    @Override
    public String name() {
        return "jpeg";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(quality.drawInt(rng));
    }

    /** quality 1..100, passed to the encoder as compression quality q / 100. */
    public record Params(int quality) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            try {
                return decode(encode(image, quality), image);
            } catch (IOException e) {
                throw new UncheckedIOException("jpeg re-encode at quality " + quality + " of " + image, e);
            }
        }
    }

    // ImageIO's registry lookups cost more than coding an 80x80 image, so each thread keeps its own
    // codec pair (they are not thread-safe) and reuses it.
    private static final ThreadLocal<ImageWriter> WRITER = ThreadLocal.withInitial(() -> codec(ImageIO.getImageWritersByFormatName("jpeg")));
    private static final ThreadLocal<ImageReader> READER = ThreadLocal.withInitial(() -> codec(ImageIO.getImageReadersByFormatName("jpeg")));

    private static <T> T codec(Iterator<T> found) {
        if (!found.hasNext()) {
            throw new IllegalStateException("no JPEG codec in this JDK");
        }
        return found.next();
    }

    static byte[] encode(BgrImage image, int quality) throws IOException {
        ImageWriter writer = WRITER.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    private static BgrImage decode(byte[] jpeg, BgrImage like) throws IOException {
        ImageReader reader = READER.get();
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            decoded = reader.read(0);
        } finally {
            reader.reset();
        }
        if (decoded == null || decoded.getWidth() != like.width() || decoded.getHeight() != like.height()) {
            throw new IOException("JPEG round trip did not give back a " + like.width() + "x" + like.height() + " image");
        }
        int w = like.width();
        int h = like.height();
        byte[] out = new byte[w * h * 3];
        if (decoded.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            System.arraycopy(((DataBufferByte) decoded.getRaster().getDataBuffer()).getData(), 0, out, 0, out.length);
        } else {
            int[] argb = decoded.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < argb.length; p++) {
                out[3 * p] = (byte) argb[p];
                out[3 * p + 1] = (byte) (argb[p] >> 8);
                out[3 * p + 2] = (byte) (argb[p] >> 16);
            }
        }
        return new BgrImage(w, h, out);
    }
}
