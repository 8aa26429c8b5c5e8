import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.video.MjpegAviReader;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoFrame;

/**
 * Writes the raw RGB bytes (rows top to bottom, R G B per pixel) that Vigil's decoders produce, so the
 * TF.js reference sees exactly the pixels the Java tests see. Prints "WIDTHxHEIGHT".
 * Usage: java -cp vigil-data/target/classes:vigil-tensor/target/classes DumpRgb.java IMAGE OUT.rgb
 *        java -cp ... DumpRgb.java VIDEO.avi#FRAME OUT.rgb
 */
public class DumpRgb {
    public static void main(String[] args) throws IOException {
        BgrImage image;
        int hash = args[0].lastIndexOf('#');
        if (hash > 0) {
            int wanted = Integer.parseInt(args[0].substring(hash + 1));
            image = null;
            try (MjpegAviReader reader = MjpegAviReader.open(Path.of(args[0].substring(0, hash)), TruncatedFramePolicy.FAIL)) {
                Optional<VideoFrame> f;
                while ((f = reader.next()).isPresent()) {
                    if (f.get().index() == wanted) {
                        image = f.get().image();
                        break;
                    }
                }
            }
            if (image == null) {
                throw new IOException(args[0] + ": no frame " + wanted);
            }
        } else {
            image = ImageDecoder.readBgr(Path.of(args[0]));
        }
        byte[] bgr = image.data();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        Files.write(Path.of(args[1]), rgb);
        System.out.println(image.width() + "x" + image.height());
    }
}
