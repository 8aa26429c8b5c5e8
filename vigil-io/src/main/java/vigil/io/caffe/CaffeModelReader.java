package vigil.io.caffe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.io.protobuf.ProtobufFormatException;
import vigil.tensor.io.protobuf.WireReader;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;

/**
 * Reads the learned blobs of a binary caffemodel (a serialized caffe.NetParameter) with the plain
 * wire reader: only what binding needs, i.e. each layer's name, type and blobs; every other field
 * (the layer's parameters, which the prototxt gives) is skipped. Field numbers, from caffe.proto:
 * <pre>
 * NetParameter      layer = 100 (LayerParameter), layers = 2 (V1LayerParameter, legacy)
 * LayerParameter    name = 1, type = 2 (string), blobs = 7
 * V1LayerParameter  name = 4, type = 5 (enum), blobs = 6
 * BlobProto         shape = 7 (BlobShape), data = 5 (float, packed), double_data = 8 (packed),
 *                   legacy 4-D dims num = 1, channels = 2, height = 3, width = 4
 * BlobShape         dim = 1 (int64, packed)
 * </pre>
 * Repeated numbers are accepted packed or unpacked, as protobuf parsers must.
 */
public final class CaffeModelReader {
    /** Files beyond this are refused before reading (the byte[] the reader needs stops at 2 GiB). */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private CaffeModelReader() {
    }

    public static CaffeWeights read(Path caffemodel) throws IOException {
        long size = Files.size(caffemodel);
        if (size > MAX_FILE_BYTES) {
            throw new CaffeFormatException(caffemodel + ": " + size + " bytes, more than a caffemodel may have");
        }
        return read(Files.readAllBytes(caffemodel), caffemodel.toString());
    }

    /** Reads a caffemodel held in memory; source names it in error messages. */
    public static CaffeWeights read(byte[] bytes, String source) throws IOException {
        WireReader net = new WireReader(bytes, source);
        Map<String, LayerBlobs> layers = new LinkedHashMap<>();
        while (net.hasMore()) {
            int tag = net.readTag();
            int field = WireReader.fieldNumber(tag);
            if ((field == 100 || field == 2) && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                LayerBlobs layer = readLayer(net.readMessage(), field == 2);
                layers.remove(layer.name());
                layers.put(layer.name(), layer);
            } else {
                net.skip(tag);
            }
        }
        return new CaffeWeights(source, layers);
    }

    private static LayerBlobs readLayer(WireReader r, boolean v1) throws IOException {
        int start = r.position();
        int nameField = v1 ? 4 : 1;
        int typeField = v1 ? 5 : 2;
        int blobsField = v1 ? 6 : 7;
        String name = null;
        String type = "";
        List<WireReader> blobs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = WireReader.fieldNumber(tag);
            int wire = WireReader.wireType(tag);
            if (field == nameField && wire == WireReader.LENGTH_DELIMITED) {
                name = r.readString();
            } else if (field == typeField && !v1 && wire == WireReader.LENGTH_DELIMITED) {
                type = r.readString();
            } else if (field == typeField && v1 && wire == WireReader.VARINT) {
                type = "V1:" + r.readVarint();
            } else if (field == blobsField && wire == WireReader.LENGTH_DELIMITED) {
                blobs.add(r.readMessage());
            } else {
                r.skip(tag);
            }
        }
        if (name == null) {
            throw r.error(start, "a layer without a name");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            tensors.add(readBlob(blobs.get(i), "layer '" + name + "' blob " + i));
        }
        return new LayerBlobs(name, type, tensors);
    }

    private static Tensor readBlob(WireReader r, String what) throws IOException {
        int start = r.position();
        long[] shape = null;
        long[] legacy = new long[4];
        boolean hasLegacy = false;
        FloatList data = new FloatList();
        FloatList doubles = new FloatList();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = WireReader.fieldNumber(tag);
            int wire = WireReader.wireType(tag);
            if (field >= 1 && field <= 4 && wire == WireReader.VARINT) {
                legacy[field - 1] = r.readVarint();
                hasLegacy = true;
            } else if (field == 5 && wire == WireReader.LENGTH_DELIMITED) {
                data.addAll(r.readPackedFloats());
            } else if (field == 5 && wire == WireReader.FIXED32) {
                data.add(r.readFloat());
            } else if (field == 8 && wire == WireReader.LENGTH_DELIMITED) {
                for (double d : r.readPackedDoubles()) {
                    doubles.add((float) d);
                }
            } else if (field == 8 && wire == WireReader.FIXED64) {
                doubles.add((float) r.readDouble());
            } else if (field == 7 && wire == WireReader.LENGTH_DELIMITED) {
                shape = readShape(r.readMessage());
            } else {
                r.skip(tag);
            }
        }
        if (shape == null) {
            if (!hasLegacy) {
                throw r.error(start, what + " has no shape and no num/channels/height/width");
            }
            shape = legacy;
        }
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw r.error(start, what + " has dimension " + shape[i] + " in shape " + Arrays.toString(shape));
            }
            dims[i] = (int) shape[i];
            count *= shape[i];
            if (count > Integer.MAX_VALUE) {
                throw r.error(start, what + ": shape " + Arrays.toString(shape) + " is too large");
            }
        }
        if (data.size() > 0 && doubles.size() > 0) {
            throw r.error(start, what + " holds both float and double data");
        }
        FloatList values = doubles.size() > 0 ? doubles : data;
        if (values.size() != count) {
            throw r.error(start, what + ": shape " + Shape.str(dims) + " holds " + count + " values but the blob has "
                    + values.size());
        }
        return Tensor.of(values.toArray(), dims);
    }

    private static long[] readShape(WireReader r) throws ProtobufFormatException {
        long[] dims = new long[0];
        while (r.hasMore()) {
            int tag = r.readTag();
            int wire = WireReader.wireType(tag);
            if (WireReader.fieldNumber(tag) == 1 && wire == WireReader.LENGTH_DELIMITED) {
                long[] more = r.readPackedVarints();
                long[] joined = Arrays.copyOf(dims, dims.length + more.length);
                System.arraycopy(more, 0, joined, dims.length, more.length);
                dims = joined;
            } else if (WireReader.fieldNumber(tag) == 1 && wire == WireReader.VARINT) {
                dims = Arrays.copyOf(dims, dims.length + 1);
                dims[dims.length - 1] = r.readVarint();
            } else {
                r.skip(tag);
            }
        }
        return dims;
    }

    /** A growable float[]; blobs may arrive as many unpacked values or several packed runs. */
    private static final class FloatList {
        private float[] a = new float[0];
        private int n;

        void add(float v) {
            grow(1);
            a[n++] = v;
        }

        void addAll(float[] v) {
            if (n == 0) {
                a = v;
                n = v.length;
                return;
            }
            grow(v.length);
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return n == a.length ? a : Arrays.copyOf(a, n);
        }

        private void grow(int more) {
            if (n + more > a.length) {
                a = Arrays.copyOf(a, Math.max(n + more, Math.max(16, a.length * 2)));
            }
        }
    }
}
