package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Saves as JPEG at a quality 1..100 and loads again: the block and ringing artefacts and the chroma
 * smearing of a re-saved capture. The round trip runs the lossy stages only ({@link JpegArtefacts}),
 * about ten times faster than coding through javax.imageio and tracking it closely.
 */
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

    /** quality 1..100, as ImageIO's compression quality q / 100 (libjpeg's quality q). */
    public record Params(int quality) implements OpParams {
        public Params {
            if (quality < 1 || quality > 100) {
                throw new IllegalArgumentException("jpeg quality " + quality + " outside 1..100");
            }
        }

        @Override
        public BgrImage apply(BgrImage image) {
            return new BgrImage(image.width(), image.height(),
                    JpegArtefacts.roundTrip(image.data(), image.width(), image.height(), quality));
        }
    }
}
