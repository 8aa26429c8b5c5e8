package vigil.quant.int8;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes of the int8 kernels, chosen once. The Vector API has no int8 dot-product instruction
 * (no VPDPBUSD), so every multiply-accumulate is widened explicitly: int8 codes are first widened to int16
 * with the zero point subtracted (|x - z| <= 255), an int16 x int16 product of an int8 weight (|w| <= 128)
 * and such a value fits int16 (|w (x - z)| <= 32640 < 32767), and the product is widened to int32 to be
 * accumulated. An int16 vector of L lanes converts to the preferred int32 vector of the same L lanes.
 * {@code -Dvigil.vector=off} selects the scalar twins (same bits).
 */
final class Int8Lanes {
    static final boolean VECTOR = !"off".equalsIgnoreCase(System.getProperty("vigil.vector", "on"));
    static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;
    static final int L = INT.length();
    static final VectorSpecies<Short> SHORT = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));

    private Int8Lanes() {
    }

    /** acc + w * x (int16 lanes), the product widened to int32 lanes. */
    static IntVector fma(IntVector acc, ShortVector x, short w) {
        return acc.add(x.mul(w).convertShape(VectorOperators.S2I, INT, 0).reinterpretAsInts());
    }

    /** acc + w * x (both int16 lanes), the product widened to int32 lanes. */
    static IntVector fma(IntVector acc, ShortVector x, ShortVector w) {
        return acc.add(x.mul(w).convertShape(VectorOperators.S2I, INT, 0).reinterpretAsInts());
    }
}
