package vigil.tensor.ops;

/**
 * The gradients one layer-direction's backward produces, flat and in the shapes of its inputs:
 * dx [T, N, I] (null when the input takes no gradient), dh0 [N, H], dc0 [N, H] (LSTM only, else null),
 * dWih [G*H, I], dWhh [G*H, H], dbIh and dbHh [G*H] (null without biases).
 */
record LayerGrads(float[] dx, float[] dh0, float[] dc0, float[] dWih, float[] dWhh, float[] dbIh, float[] dbHh) {
}
