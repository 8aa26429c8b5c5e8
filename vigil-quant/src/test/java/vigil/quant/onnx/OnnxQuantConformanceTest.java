package vigil.quant.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.quant.AffineQuantizer;
import vigil.quant.ConvGeometry;
import vigil.quant.QLinearConv;
import vigil.quant.QLinearMatMul;
import vigil.quant.QTensor;
import vigil.quant.QuantParams;
import vigil.quant.QuantType;
import vigil.quant.Rounding;

/**
 * ONNX's own node conformance cases (libonnx-testdata 1.12.0, fetched by scripts/fetch-test-data.sh
 * into .cache/data/onnx/node): the node's inputs and attributes go through our kernels and the output
 * must equal ONNX's expected output exactly (codes for integer outputs, bit for bit for float ones).
 */
class OnnxQuantConformanceTest {
    private static Path caseDir(String name) {
        Path dir = Path.of(System.getProperty("vigil.data.cache", "../.cache/data")).resolve("onnx/node").resolve(name);
        assertTrue(Files.isDirectory(dir), dir + " is missing: run scripts/fetch-test-data.sh");
        return dir;
    }

    private static OnnxTensor input(Path dir, int i) throws IOException {
        return OnnxTensor.read(dir.resolve("test_data_set_0/input_" + i + ".pb"));
    }

    private static OnnxTensor output(Path dir) throws IOException {
        return OnnxTensor.read(dir.resolve("test_data_set_0/output_0.pb"));
    }

    private static QuantType typeOf(OnnxTensor t) {
        return switch (t.dataType()) {
            case OnnxTensor.UINT8 -> QuantType.UINT8;
            case OnnxTensor.INT8 -> QuantType.INT8;
            default -> throw new IllegalArgumentException(t.name() + ": data_type " + t.dataType() + " is not 8-bit");
        };
    }

    /** ONNX: a scalar (or one-element) scale is per tensor, a longer 1-D one is per axis. */
    private static QuantParams params(OnnxTensor scale, OnnxTensor zero, int axis, int rank) {
        if (scale.values().length == 1) {
            return QuantParams.perTensor(scale.floats()[0], zero.ints()[0]);
        }
        return QuantParams.perChannel(scale.floats(), zero.ints(), axis < 0 ? axis + rank : axis);
    }

    private static QTensor qtensor(OnnxTensor codes, OnnxTensor scale, OnnxTensor zero, int axis) {
        return new QTensor(codes.codes(), codes.shape(), typeOf(codes), params(scale, zero, axis, codes.shape().length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_quantizelinear", "test_quantizelinear_axis"})
    void quantizeLinearMatchesOnnx(String name) throws IOException {
        Path dir = caseDir(name);
        OnnxNode node = OnnxNode.readSingleNode(dir.resolve("model.onnx"));
        assertEquals("QuantizeLinear", node.opType());
        OnnxTensor x = input(dir, 0);
        OnnxTensor zero = input(dir, 2);
        QuantType type = typeOf(zero);
        QuantParams p = params(input(dir, 1), zero, (int) node.attrInt("axis", 1), x.shape().length);
        byte[] q = AffineQuantizer.quantize(x.floats(), x.shape(), p, type);
        OnnxTensor expected = output(dir);
        assertArrayEquals(expected.shape(), x.shape(), name + ": shape");
        assertArrayEquals(expected.ints(), type.decodeAll(q), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_dequantizelinear", "test_dequantizelinear_axis"})
    void dequantizeLinearMatchesOnnx(String name) throws IOException {
        Path dir = caseDir(name);
        OnnxNode node = OnnxNode.readSingleNode(dir.resolve("model.onnx"));
        assertEquals("DequantizeLinear", node.opType());
        QTensor x = qtensor(input(dir, 0), input(dir, 1), input(dir, 2), (int) node.attrInt("axis", 1));
        float[] r = x.dequantize();
        OnnxTensor expected = output(dir);
        assertArrayEquals(expected.floats(), r, 0f, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_qlinearmatmul_2D", "test_qlinearmatmul_3D"})
    void qlinearMatMulMatchesOnnx(String name) throws IOException {
        Path dir = caseDir(name);
        assertEquals("QLinearMatMul", OnnxNode.readSingleNode(dir.resolve("model.onnx")).opType());
        QTensor a = qtensor(input(dir, 0), input(dir, 1), input(dir, 2), 0);
        OnnxTensor bCodes = input(dir, 3);
        QTensor b = qtensor(bCodes, input(dir, 4), input(dir, 5), bCodes.shape().length - 1);
        OnnxTensor yZero = input(dir, 7);
        QTensor y = QLinearMatMul.forward(a, b, input(dir, 6).floats()[0], yZero.ints()[0], typeOf(yZero),
                Rounding.FLOAT);
        OnnxTensor expected = output(dir);
        assertArrayEquals(expected.shape(), y.shape(), name + ": shape");
        assertArrayEquals(expected.ints(), y.values(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_qlinearconv"})
    void qlinearConvMatchesOnnx(String name) throws IOException {
        Path dir = caseDir(name);
        OnnxNode node = OnnxNode.readSingleNode(dir.resolve("model.onnx"));
        assertEquals("QLinearConv", node.opType());
        assertEquals("NOTSET", node.attrString("auto_pad", "NOTSET"), name + ": auto_pad is not supported");
        QTensor x = qtensor(input(dir, 0), input(dir, 1), input(dir, 2), 1);
        QTensor w = qtensor(input(dir, 3), input(dir, 4), input(dir, 5), 0);
        OnnxTensor yZero = input(dir, 7);
        int[] bias = Files.exists(dir.resolve("test_data_set_0/input_8.pb")) ? input(dir, 8).ints() : null;
        ConvGeometry g = new ConvGeometry(node.attrInts("strides", new int[] {1, 1}),
                node.attrInts("pads", new int[4]), node.attrInts("dilations", new int[] {1, 1}),
                (int) node.attrInt("group", 1));
        QTensor y = QLinearConv.forward(x, w, bias, g, input(dir, 6).floats()[0], yZero.ints()[0], typeOf(yZero),
                Rounding.FLOAT);
        OnnxTensor expected = output(dir);
        assertArrayEquals(expected.shape(), y.shape(), name + ": shape");
        assertArrayEquals(expected.ints(), y.values(), name);
    }
}
