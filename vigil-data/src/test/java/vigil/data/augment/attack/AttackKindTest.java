package vigil.data.augment.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.data.augment.AppliedOp;
import vigil.data.augment.Augmented;
import vigil.data.augment.TestImages;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Attack synthesis: every sample records its core op and parameters; a seed fixes the result. */
class AttackKindTest {
    private final BgrImage face = TestImages.natural(48, 48, 6);

    @Test
    void printAlwaysStartsWithThePrintOpAndRecordsItsParameters() {
        Set<String> extras = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            Augmented a = AttackKind.PRINT.synthesise(face, new Rng(seed));
            AppliedOp first = a.applied().get(0);
            assertEquals("print", first.op());
            assertInstanceOf(PrintAttack.Params.class, first.params());
            a.applied().stream().skip(1).forEach(op -> extras.add(op.op()));
        }
        assertEquals(Set.of("ink_bleed", "paper_warp", "paper_edge", "paper_cutout"), extras, "every extra fires for some of 30 seeds");
    }

    @Test
    void replayStartsWithTheReplayOpAndIsReproducible() {
        Augmented a = AttackKind.REPLAY.synthesise(face, new Rng(4));
        Augmented b = AttackKind.REPLAY.synthesise(face, new Rng(4));
        assertEquals("replay", a.applied().get(0).op());
        assertEquals(a.applied(), b.applied());
        assertArrayEquals(a.image().data(), b.image().data());
        assertTrue(TestImages.psnr(face, a.image()) < 40, "the attack visibly changes the face");
    }

    @Test
    void parseAcceptsKnownKindsOnly() {
        assertEquals(AttackKind.REPLAY, AttackKind.parse(" Replay"));
        assertThrows(IllegalArgumentException.class, () -> AttackKind.parse("mask"));
    }
}
