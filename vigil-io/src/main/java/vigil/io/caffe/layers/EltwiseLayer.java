package vigil.io.caffe.layers;

import java.io.IOException;
import java.util.Arrays;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Caffe "Eltwise" over equally shaped bottoms: SUM (the default; weighted by coeff, one per bottom,
 * default 1), PROD or MAX, accumulated in bottom order as Caffe does.
 */
final class EltwiseLayer implements CaffeLayer {
    private enum Op { PROD, SUM, MAX }

    private final String where;
    private final Op op;
    private final float[] coeff;

    EltwiseLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("eltwise_param");
        String name = p.enumName("operation", "SUM");
        op = switch (name) {
            case "PROD", "0" -> Op.PROD;
            case "SUM", "1" -> Op.SUM;
            case "MAX", "2" -> Op.MAX;
            default -> throw spec.error("unknown operation " + name);
        };
        int n = spec.bottoms().size();
        if (n < 2) {
            throw spec.error("needs at least 2 bottoms, has " + n);
        }
        coeff = new float[n];
        Arrays.fill(coeff, 1f);
        var given = p.floats("coeff");
        if (!given.isEmpty()) {
            if (op != Op.SUM || given.size() != n) {
                throw spec.error("coeff needs operation SUM and one value per bottom (" + n + "), got "
                        + given.size());
            }
            for (int i = 0; i < n; i++) {
                coeff[i] = given.get(i);
            }
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        int[] s = bottoms[0].shape();
        for (Tensor b : bottoms) {
            if (!Arrays.equals(b.shape(), s)) {
                throw new ShapeException(where + ": bottoms differ in shape, " + Shape.str(s) + " and "
                        + Shape.str(b.shape()));
            }
        }
        float[] y = bottoms[0].data().clone();
        if (op == Op.SUM) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= coeff[0];
            }
        }
        for (int k = 1; k < bottoms.length; k++) {
            float[] x = bottoms[k].data();
            float c = coeff[k];
            for (int i = 0; i < y.length; i++) {
                y[i] = switch (op) {
                    case SUM -> y[i] + c * x[i];
                    case PROD -> y[i] * x[i];
                    case MAX -> Math.max(y[i], x[i]);
                };
            }
        }
        return new Tensor[] {Tensor.of(y, s)};
    }
}
