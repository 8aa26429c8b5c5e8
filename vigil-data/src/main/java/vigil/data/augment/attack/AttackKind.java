package vigil.data.augment.attack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vigil.data.augment.Augmented;
import vigil.data.augment.LabelCondition;
import vigil.data.augment.OpArgs;
import vigil.data.augment.Policy;
import vigil.data.augment.PolicyStep;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * The attacks Vigil synthesises from a live face, each a fixed chain of attack ops: the core op
 * always, the extras with their own probability. The {@link Augmented} result lists every op
 * applied with its drawn parameters, so a synthesised sample records its kind and how it was made.
 */
public enum AttackKind {
    /** A printed photo: gamut, halftone, paper texture; sometimes ink bleed, bending, its edge in view, cut-outs. */
    PRINT(List.of(
            new PolicyStep(LabelCondition.ANY, PrintAttack.fromArgs(none("print")), 1),
            new PolicyStep(LabelCondition.ANY, InkBleed.fromArgs(none("ink_bleed")), 0.5f),
            new PolicyStep(LabelCondition.ANY, PaperWarp.fromArgs(none("paper_warp")), 0.5f),
            new PolicyStep(LabelCondition.ANY, PaperEdge.fromArgs(none("paper_edge")), 0.3f),
            new PolicyStep(LabelCondition.ANY, PaperCutout.fromArgs(none("paper_cutout")), 0.25f))),
    /** A screen replay: tone curve, subpixel grid and moiré, glare; sometimes backlight bleed, banding, the bezel. */
    REPLAY(List.of(
            new PolicyStep(LabelCondition.ANY, ReplayAttack.fromArgs(none("replay")), 1),
            new PolicyStep(LabelCondition.ANY, BacklightBleed.fromArgs(none("backlight_bleed")), 0.4f),
            new PolicyStep(LabelCondition.ANY, RefreshBanding.fromArgs(none("banding")), 0.5f),
            new PolicyStep(LabelCondition.ANY, ScreenBezel.fromArgs(none("bezel")), 0.3f)));

    private final Policy chain;

    AttackKind(List<PolicyStep> steps) {
        this.chain = new Policy(steps);
    }

    private static OpArgs none(String op) {
        return OpArgs.none(op);
    }

    /** The steps of this attack, in order. */
    public Policy chain() {
        return chain;
    }

    /** A spoof of this kind made from a live face; all randomness from rng. */
    public Augmented synthesise(BgrImage live, Rng rng) {
        return chain.apply(live, Optional.empty(), true, rng);
    }

    /** {@code print} or {@code replay}, as written on the command line. */
    public static AttackKind parse(String word) {
        for (AttackKind k : values()) {
            if (k.label().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown attack '" + word + "'; known: print, replay");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
