package vigil.tensor.io;

import java.util.Map;
import vigil.tensor.Tensor;

/** The content of a safetensors file: named tensors (in header order) and string metadata. */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
}
