package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.io.protobuf.WireWriter;
import vigil.tensor.io.protobuf.ProtobufFormatException;
import vigil.tensor.Tensor;

/**
 * The caffemodel reader: hand-encoded NetParameters in each encoding protobuf allows (field numbers
 * from caffe.proto), the real detector weights, and broken files.
 */
class CaffeModelReaderTest {

    // BlobProto with a BlobShape (field 7) and packed data (field 5)
    private static WireWriter blob(long[] shape, float... data) {
        return new WireWriter().message(7, new WireWriter().packedVarints(1, shape)).packedFloats(5, data);
    }

    private static CaffeWeights read(WireWriter net) throws Exception {
        return CaffeModelReader.read(net.toByteArray(), "m.caffemodel");
    }

    private static String failure(WireWriter net) {
        return assertThrows(ProtobufFormatException.class, () -> read(net)).getMessage();
    }

    @Test
    void readsLayerNamesTypesAndPackedBlobs() throws Exception {
        WireWriter layer = new WireWriter().string(1, "conv1").string(2, "Convolution").string(3, "data")
                .message(7, blob(new long[] {2, 1, 1, 2}, 1, 2, 3, 4)).message(7, blob(new long[] {2}, 5, 6))
                .message(106, new WireWriter().varint(1, 2));
        CaffeWeights w = read(new WireWriter().string(1, "net").message(100, layer));
        LayerBlobs conv = w.layers().get("conv1");
        assertEquals("Convolution", conv.type());
        assertEquals(2, conv.blobs().size());
        assertArrayEquals(new int[] {2, 1, 1, 2}, conv.blobs().get(0).shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, conv.blobs().get(0).data());
        assertArrayEquals(new float[] {5, 6}, conv.blobs().get(1).data());
    }

    @Test
    void readsUnpackedValuesLegacyDimsAndDoubles() throws Exception {
        WireWriter legacy = new WireWriter().varint(1, 1).varint(2, 1).varint(3, 1).varint(4, 3)
                .fixed32(5, 0.5f).fixed32(5, -1f).fixed32(5, 2f);
        WireWriter doubles = new WireWriter().message(7, new WireWriter().varint(1, 2)).fixed64(8, 0.25).fixed64(8, 8);
        CaffeWeights w = read(new WireWriter().message(100, new WireWriter().string(1, "bn")
                .message(7, legacy).message(7, doubles)));
        List<Tensor> blobs = w.blobs("bn");
        assertArrayEquals(new int[] {1, 1, 1, 3}, blobs.get(0).shape());
        assertArrayEquals(new float[] {0.5f, -1f, 2f}, blobs.get(0).data());
        assertArrayEquals(new int[] {2}, blobs.get(1).shape());
        assertArrayEquals(new float[] {0.25f, 8f}, blobs.get(1).data());
    }

    @Test
    void readsLegacyV1Layers() throws Exception {
        WireWriter v1 = new WireWriter().string(2, "data").string(4, "fc").varint(5, 14)
                .message(6, blob(new long[] {1, 2}, 7, 8));
        CaffeWeights w = read(new WireWriter().message(2, v1));
        assertEquals("V1:14", w.layers().get("fc").type());
        assertArrayEquals(new float[] {7, 8}, w.blobs("fc").get(0).data());
    }

    @Test
    void laterLayerOfTheSameNameWins() throws Exception {
        CaffeWeights w = read(new WireWriter()
                .message(100, new WireWriter().string(1, "x").message(7, blob(new long[] {1}, 1)))
                .message(100, new WireWriter().string(1, "x").message(7, blob(new long[] {1}, 2))));
        assertArrayEquals(new float[] {2}, w.blobs("x").get(0).data());
        assertEquals(List.of(), w.blobs("absent"));
    }

    @Test
    void readsTheDetectorsWeights() throws Exception {
        CaffeWeights w = CaffeModelReader.read(CaffeFixtures.detectorWeights());
        assertArrayEquals(new int[] {8, 3, 3, 3}, w.blobs("conv1").get(0).shape());
        assertEquals(1, w.blobs("conv1").size());
        List<Tensor> bn = w.blobs("batch_norm1");
        assertEquals(3, bn.size());
        assertArrayEquals(new int[] {1}, bn.get(2).shape());
        assertArrayEquals(new int[] {64, 64, 2, 2}, w.blobs("conv_transpose1").get(0).shape());
        assertArrayEquals(new int[] {64}, w.blobs("conv_transpose1").get(1).shape());
        long withBlobs = w.layers().values().stream().filter(l -> !l.blobs().isEmpty()).count();
        assertEquals(53 + 2 + 47 + 47, withBlobs);
    }

    @Test
    void truncatedWeightsFileFailsAtTheCut() throws Exception {
        byte[] all = Files.readAllBytes(CaffeFixtures.detectorWeights());
        byte[] cut = Arrays.copyOf(all, 1000);
        String msg = assertThrows(ProtobufFormatException.class, () -> CaffeModelReader.read(cut, "cut.caffemodel"))
                .getMessage();
        assertTrue(msg.startsWith("cut.caffemodel: at byte 83: length 945 "), msg);
        assertTrue(msg.endsWith("runs past the end of the data (915 bytes left, the enclosing data ends at byte 1000)"),
                msg);
    }

    @Test
    void blobWhoseDataDoesNotFillItsShapeNamesLayerAndBlob() {
        WireWriter layer = new WireWriter().string(1, "conv9").message(7, blob(new long[] {2}, 1, 2))
                .message(7, blob(new long[] {2, 3}, 1, 2, 3));
        assertEquals("m.caffemodel: at byte 29: layer 'conv9' blob 1: shape [2, 3] holds 6 values but the blob has 3",
                failure(new WireWriter().message(100, layer)));
    }

    @Test
    void blobWithoutAnyShapeIsRefused() {
        WireWriter layer = new WireWriter().string(1, "s").message(7, new WireWriter().packedFloats(5, 1, 2));
        assertTrue(failure(new WireWriter().message(100, layer))
                .endsWith("layer 's' blob 0 has no shape and no num/channels/height/width"));
    }

    @Test
    void negativeDimensionIsRefused() {
        WireWriter layer = new WireWriter().string(1, "s").message(7, blob(new long[] {-2}));
        assertTrue(failure(new WireWriter().message(100, layer))
                .endsWith("layer 's' blob 0 has dimension -2 in shape [-2]"));
    }

    @Test
    void layerWithoutNameIsRefused() {
        assertEquals("m.caffemodel: at byte 3: a layer without a name",
                failure(new WireWriter().message(100, new WireWriter().string(2, "ReLU"))));
    }
}
