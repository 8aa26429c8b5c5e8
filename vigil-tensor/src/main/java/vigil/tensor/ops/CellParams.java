package vigil.tensor.ops;

/**
 * The flat arrays of one layer-direction's {@link CellWeights}, read once per forward:
 * wIh [G*H, I], wHh [G*H, H], bIh and bHh [G*H] or null (no biases).
 */
record CellParams(float[] wIh, float[] wHh, float[] bIh, float[] bHh) {

    static CellParams of(CellWeights w) {
        return new CellParams(w.weightIh().data(), w.weightHh().data(),
                w.biasIh() == null ? null : w.biasIh().data(), w.biasHh() == null ? null : w.biasHh().data());
    }
}
