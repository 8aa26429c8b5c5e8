package vigil.quant.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.io.protobuf.WireReader;

/**
 * The single node of an ONNX node-test model.onnx: ModelProto.graph (7) -> GraphProto.node (1) ->
 * NodeProto op_type (4), attribute (5) -> AttributeProto name (1), i (3), s (4), ints (8).
 * Integer attributes map to long[] (one element for i), string attributes to String.
 */
public record OnnxNode(String opType, Map<String, Object> attributes) {
    public static OnnxNode readSingleNode(Path modelFile) throws IOException {
        WireReader model = new WireReader(Files.readAllBytes(modelFile), modelFile.toString());
        OnnxNode found = null;
        while (model.hasMore()) {
            int tag = model.readTag();
            if (WireReader.fieldNumber(tag) != 7) {
                model.skip(tag);
                continue;
            }
            WireReader graph = model.readMessage();
            while (graph.hasMore()) {
                int gtag = graph.readTag();
                if (WireReader.fieldNumber(gtag) != 1) {
                    graph.skip(gtag);
                    continue;
                }
                if (found != null) {
                    throw new IOException(modelFile + ": more than one node");
                }
                found = parseNode(graph.readMessage());
            }
        }
        if (found == null) {
            throw new IOException(modelFile + ": no node in the graph");
        }
        return found;
    }

    private static OnnxNode parseNode(WireReader r) throws IOException {
        String op = "";
        Map<String, Object> attrs = new LinkedHashMap<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (WireReader.fieldNumber(tag)) {
                case 4 -> op = r.readString();
                case 5 -> parseAttribute(r.readMessage(), attrs);
                default -> r.skip(tag);
            }
        }
        return new OnnxNode(op, attrs);
    }

    private static void parseAttribute(WireReader r, Map<String, Object> attrs) throws IOException {
        String name = null;
        Object value = null;
        long[] ints = new long[0];
        while (r.hasMore()) {
            int tag = r.readTag();
            boolean packed = WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED;
            switch (WireReader.fieldNumber(tag)) {
                case 1 -> name = r.readString();
                case 3 -> value = new long[] {r.readVarint()};
                case 4 -> value = r.readString();
                case 8 -> {
                    long[] more = packed ? r.readPackedVarints() : new long[] {r.readVarint()};
                    long[] all = java.util.Arrays.copyOf(ints, ints.length + more.length);
                    System.arraycopy(more, 0, all, ints.length, more.length);
                    ints = all;
                    value = ints;
                }
                default -> r.skip(tag);
            }
        }
        if (name == null) {
            throw new IOException(r.source() + ": attribute without a name");
        }
        attrs.put(name, value);
    }

    public long attrInt(String name, long fallback) {
        Object v = attributes.get(name);
        return v instanceof long[] a && a.length == 1 ? a[0] : fallback;
    }

    public int[] attrInts(String name, int[] fallback) {
        Object v = attributes.get(name);
        if (!(v instanceof long[] a)) {
            return fallback;
        }
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.toIntExact(a[i]);
        }
        return out;
    }

    public String attrString(String name, String fallback) {
        Object v = attributes.get(name);
        return v instanceof String s ? s : fallback;
    }
}
