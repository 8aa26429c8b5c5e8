package vigil.io.caffe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.io.protobuf.TextFormatParser;
import vigil.io.protobuf.TextMessage;

/**
 * A Caffe network definition (NetParameter from a prototxt) as the layers of its TEST phase: the
 * declared inputs and the layers in file order. Inputs come from the deprecated top-level
 * {@code input} + {@code input_dim} / {@code input_shape} fields or from "Input" layers; layers whose
 * include/exclude rules leave them out of the TEST phase are dropped, as Caffe's deploy net does.
 */
public record NetDefinition(String name, List<InputSpec> inputs, List<LayerSpec> layers) {
    public NetDefinition {
        inputs = List.copyOf(inputs);
        layers = List.copyOf(layers);
    }

    public static NetDefinition read(Path prototxt) throws IOException {
        return from(TextFormatParser.parse(prototxt));
    }

    public static NetDefinition from(TextMessage net) throws IOException {
        if (net.has("layers")) {
            throw error(net, "uses the V1 'layers' format; upgrade it with Caffe's upgrade_net_proto_text first");
        }
        List<InputSpec> inputs = topLevelInputs(net);
        List<LayerSpec> layers = new ArrayList<>();
        for (TextMessage m : net.messages("layer")) {
            String name = m.string("name", "");
            String type = m.string("type", "");
            LayerSpec spec = new LayerSpec(name, type, m.strings("bottom"), m.strings("top"), m);
            if (type.isEmpty()) {
                throw spec.error("has no type");
            }
            if (!inTestPhase(m)) {
                continue;
            }
            if (type.equals("Input")) {
                inputs.addAll(inputLayer(spec));
            } else {
                layers.add(spec);
            }
        }
        return new NetDefinition(net.string("name", ""), inputs, layers);
    }

    private static List<InputSpec> topLevelInputs(TextMessage net) throws IOException {
        List<String> names = net.strings("input");
        List<TextMessage> shapes = net.messages("input_shape");
        long[] dims = net.longs("input_dim");
        List<InputSpec> out = new ArrayList<>();
        if (!shapes.isEmpty() && dims.length > 0) {
            throw error(net, "gives both input_shape and input_dim");
        }
        if (!shapes.isEmpty() && shapes.size() != names.size()) {
            throw error(net, names.size() + " inputs but " + shapes.size() + " input_shape entries");
        }
        if (dims.length > 0 && dims.length != 4 * names.size()) {
            throw error(net, names.size() + " inputs need " + 4 * names.size() + " input_dim values, got "
                    + dims.length);
        }
        for (int i = 0; i < names.size(); i++) {
            int[] shape;
            if (!shapes.isEmpty()) {
                shape = dims(shapes.get(i));
            } else if (dims.length > 0) {
                shape = new int[4];
                for (int d = 0; d < 4; d++) {
                    shape[d] = checkedDim(net, dims[4 * i + d]);
                }
            } else {
                shape = new int[0];
            }
            out.add(new InputSpec(names.get(i), shape));
        }
        return out;
    }

    // An "Input" layer: one shape for all tops, or one per top.
    private static List<InputSpec> inputLayer(LayerSpec spec) throws IOException {
        List<TextMessage> shapes = spec.param("input_param").messages("shape");
        if (shapes.size() > 1 && shapes.size() != spec.tops().size()) {
            throw spec.error(spec.tops().size() + " tops but " + shapes.size() + " shapes");
        }
        List<InputSpec> out = new ArrayList<>();
        for (int i = 0; i < spec.tops().size(); i++) {
            int[] shape = shapes.isEmpty() ? new int[0] : dims(shapes.get(shapes.size() == 1 ? 0 : i));
            out.add(new InputSpec(spec.tops().get(i), shape));
        }
        return out;
    }

    private static int[] dims(TextMessage blobShape) throws IOException {
        long[] d = blobShape.longs("dim");
        int[] shape = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            shape[i] = checkedDim(blobShape, d[i]);
        }
        return shape;
    }

    private static int checkedDim(TextMessage where, long d) throws CaffeFormatException {
        if (d < 0 || d > Integer.MAX_VALUE) {
            throw error(where, "input dimension " + d + " is out of range");
        }
        return (int) d;
    }

    // NetStateRule semantics for the state {phase: TEST, level: 0, no stages}: a layer with include
    // rules needs one rule met; a layer with exclude rules is dropped if any rule is met.
    private static boolean inTestPhase(TextMessage layer) throws IOException {
        String phase = layer.enumName("phase", null);
        if (phase != null && !isTest(layer, phase)) {
            return false;
        }
        List<TextMessage> include = layer.messages("include");
        List<TextMessage> exclude = layer.messages("exclude");
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw error(layer, "gives both include and exclude rules");
        }
        if (!include.isEmpty()) {
            for (TextMessage rule : include) {
                if (ruleMet(rule)) {
                    return true;
                }
            }
            return false;
        }
        for (TextMessage rule : exclude) {
            if (ruleMet(rule)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ruleMet(TextMessage rule) throws IOException {
        String phase = rule.enumName("phase", null);
        if (phase != null && !isTest(rule, phase)) {
            return false;
        }
        if (rule.has("min_level") && rule.longValue("min_level", 0) > 0) {
            return false;
        }
        if (rule.has("max_level") && rule.longValue("max_level", 0) < 0) {
            return false;
        }
        return rule.strings("stage").isEmpty();
    }

    private static boolean isTest(TextMessage where, String phase) throws CaffeFormatException {
        return switch (phase) {
            case "TEST", "1" -> true;
            case "TRAIN", "0" -> false;
            default -> throw error(where, "unknown phase " + phase);
        };
    }

    private static CaffeFormatException error(TextMessage where, String what) {
        return new CaffeFormatException(where.source() + ":" + where.line() + ": " + what);
    }
}
