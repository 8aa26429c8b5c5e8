package vigil.liveness.blink;

/**
 * The detector's reading of one frame: whether a face was found, the blink closure probability
 * (the GRU's output; 0 when no face), and the raw inputs it came from (each eye's CNN closure
 * probability and aspect ratio; NaN when no face).
 */
public record BlinkFrame(int index, double seconds, boolean faceFound, float closure, float leftProbability,
                         float rightProbability, float leftEar, float rightEar) {
}
