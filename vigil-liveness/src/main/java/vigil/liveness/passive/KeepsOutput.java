package vigil.liveness.passive;

import vigil.tensor.Tensor;

/**
 * A trunk layer of {@link MiniFasNet} that, in fused evaluation, may write its output into a buffer of its own
 * that it overwrites on its next {@code forwardKeeping} call on the same thread. Only MiniFasNet.forward calls
 * it: there each trunk output is consumed by the next layer before the layer runs again, and the model's result
 * (the logits) is always a fresh tensor. At batch 1 the trunk's outputs (about 1.4 MB by the layer shapes) were
 * otherwise allocated, zeroed and pulled into cache on every call: 2,242 KB allocated per inference before,
 * 26.5 KB after. In training, or with autograd recording, it is plain forward.
 */
interface KeepsOutput {
    Tensor forwardKeeping(Tensor x);
}
