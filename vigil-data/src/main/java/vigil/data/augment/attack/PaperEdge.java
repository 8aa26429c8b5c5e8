package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * The edge of a held-up print: beyond a straight line near one side the scene behind the paper
 * shows (a flat background colour), and just inside it a white paper margin, slightly tilted.
 */
public record PaperEdge(Range inset, Range margin, Range tilt) implements AugmentOp {
    public PaperEdge {
        inset.requireWithin("edge inset", 0, 0.45f);
        margin.requireWithin("paper margin", 0, 0.2f);
        tilt.requireWithin("edge tilt", -0.5f, 0.5f);
    }

    public static PaperEdge fromArgs(OpArgs args) {
        return new PaperEdge(args.range("inset", new Range(0.03f, 0.15f)), args.range("margin", new Range(0, 0.05f)),
                args.range("tilt", new Range(-0.1f, 0.1f)));
    }

    @Override
    public String name() {
        return "paper_edge";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(rng.nextInt(4), inset.draw(rng), margin.draw(rng), tilt.draw(rng),
                rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    /**
     * side: 0 left, 1 top, 2 right, 3 bottom; inset: how far in the paper ends (fraction of the side
     * length); margin: width of the white border inside the cut; tilt: the cut's slope; backgroundB/G/R: what lies beyond.
     */
    public record Params(int side, float inset, float margin, float tilt, int backgroundB, int backgroundG,
                         int backgroundR) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] out = image.data().clone();
            boolean vertical = side == 0 || side == 2;
            int across = vertical ? w : h;
            int along = vertical ? h : w;
            byte[] background = {(byte) backgroundB, (byte) backgroundG, (byte) backgroundR};
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Distance into the image from the chosen side, and position along that side.
                    int d = switch (side) {
                        case 0 -> x;
                        case 1 -> y;
                        case 2 -> w - 1 - x;
                        default -> h - 1 - y;
                    };
                    int s = vertical ? y : x;
                    double cut = across * inset + tilt * (s - along / 2.0);
                    int p = (y * w + x) * 3;
                    if (d < cut) {
                        System.arraycopy(background, 0, out, p, 3);
                    } else if (d < cut + across * margin) {
                        out[p] = (byte) 245;
                        out[p + 1] = (byte) 245;
                        out[p + 2] = (byte) 245;
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
