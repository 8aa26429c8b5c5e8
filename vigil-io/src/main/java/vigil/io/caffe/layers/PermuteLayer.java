package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Views;

/**
 * SSD Caffe's "Permute": output axis i is input axis order[i]. An order shorter than the input's
 * rank is completed with the unused axes in increasing order, as SSD Caffe does (order: 0 order: 3
 * on a 4-D input means 0, 3, 1, 2).
 */
final class PermuteLayer implements CaffeLayer {
    private final String where;
    private final int[] order;

    PermuteLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        order = spec.param("permute_param").ints("order");
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < i; j++) {
                if (order[i] == order[j]) {
                    throw spec.error("axis " + order[i] + " repeated in order");
                }
            }
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor x = bottoms[0];
        int rank = x.rank();
        int[] full = new int[rank];
        boolean[] used = new boolean[rank];
        if (order.length > rank) {
            throw new ShapeException(where + ": order of " + order.length + " axes for input " + Shape.str(x.shape()));
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= rank) {
                throw new ShapeException(where + ": axis " + order[i] + " out of range for input "
                        + Shape.str(x.shape()));
            }
            full[i] = order[i];
            used[order[i]] = true;
        }
        int k = order.length;
        for (int d = 0; d < rank; d++) {
            if (!used[d]) {
                full[k++] = d;
            }
        }
        return new Tensor[] {Views.contiguous(Views.permute(x, full))};
    }
}
