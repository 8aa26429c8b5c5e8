package vigil.liveness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.data.augment.Augmented;
import vigil.data.augment.Policy;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * The attack renderers of the synthetic-spoof benchmark: each a fixed chain of vigil-data's attack ops
 * (a {@link Policy} in its text format) with its own parameter ranges, so that some can be held out of
 * training for a cross-attack protocol. The renderer name is the sample's attack type in the metrics.
 *
 * <p>Two are meant for training (a halftone print and a moiré-heavy replay at the ops' default
 * ranges) and two differ in how they render (a continuous-tone glossy print that shows its paper
 * edge and warp; a high-density screen with a faint grid, backlight bleed and glare), so a model that
 * only learned the training renderers' exact texture is caught by them.
 */
public enum AttackRenderer {
    PRINT_HALFTONE("print", """
            any print      1    halftone=0.3..0.6 period=3..5
            any ink_bleed  0.5
            any paper_warp 0.5
            """),
    REPLAY_MOIRE("replay", """
            any replay     1    pitch=0.9..1.4 grid=0.15..0.35
            any banding    0.5
            """),
    PRINT_GLOSSY("print", """
            any print      1    halftone=0..0.08 period=6..10 saturation=0.75..0.95 texture=0.005..0.02
            any paper_warp 1
            any paper_edge 0.6
            """),
    REPLAY_HIDPI("replay", """
            any replay          1    pitch=1.8..3 grid=0.04..0.12 glare=0.15..0.45
            any backlight_bleed 1
            any bezel           0.4
            """);

    private final String instrument;
    private final Policy chain;

    AttackRenderer(String instrument, String policy) {
        this.instrument = instrument;
        this.chain = Policy.parse(policy, "AttackRenderer." + name());
    }

    /** "print" or "replay": the presentation attack instrument this renders. */
    public String instrument() {
        return instrument;
    }

    /** The config and metrics name, e.g. "print-halftone". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A spoof of a live capture; every random choice from rng. */
    public Augmented render(BgrImage live, Rng rng) {
        return chain.apply(live, java.util.Optional.empty(), true, rng);
    }

    public static AttackRenderer parse(String label) {
        List<String> known = new ArrayList<>();
        for (AttackRenderer r : values()) {
            if (r.label().equals(label.strip())) {
                return r;
            }
            known.add(r.label());
        }
        throw new IllegalArgumentException("unknown attack renderer '" + label + "'; known: " + known);
    }
}
