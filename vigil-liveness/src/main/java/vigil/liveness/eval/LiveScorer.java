package vigil.liveness.eval;

import vigil.tensor.Tensor;

/** A trained model as the evaluation sees it: images [B, 3, H, W] (BGR, 0..255) to B live scores, higher = more live. */
@FunctionalInterface
public interface LiveScorer {
    double[] scores(Tensor images);
}
