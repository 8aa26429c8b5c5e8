package vigil.data.augment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import vigil.data.augment.attack.BacklightBleed;
import vigil.data.augment.attack.InkBleed;
import vigil.data.augment.attack.PaperCutout;
import vigil.data.augment.attack.PaperEdge;
import vigil.data.augment.attack.PaperWarp;
import vigil.data.augment.attack.PrintAttack;
import vigil.data.augment.attack.RefreshBanding;
import vigil.data.augment.attack.ReplayAttack;
import vigil.data.augment.attack.ScreenBezel;

/** The ops a policy file can name, each built from its {@code key=value} arguments. */
public final class OpCatalog {
    private static final Map<String, Function<OpArgs, AugmentOp>> OPS = new LinkedHashMap<>();

    static {
        OPS.put("crop", RandomResizedCrop::fromArgs);
        OPS.put("flip", HorizontalFlip::fromArgs);
        OPS.put("rotate", SmallRotation::fromArgs);
        OPS.put("perspective", Perspective::fromArgs);
        OPS.put("face_scale", FaceScale::fromArgs);
        OPS.put("brightness", Brightness::fromArgs);
        OPS.put("contrast", Contrast::fromArgs);
        OPS.put("saturation", Saturation::fromArgs);
        OPS.put("hue", Hue::fromArgs);
        OPS.put("channel_offset", ChannelOffset::fromArgs);
        OPS.put("gamma", Gamma::fromArgs);
        OPS.put("grey", Grey::fromArgs);
        OPS.put("darken", Darken::fromArgs);
        OPS.put("temperature", ColourTemperature::fromArgs);
        OPS.put("noise", GaussianNoise::fromArgs);
        OPS.put("sensor_noise", SensorNoise::fromArgs);
        OPS.put("chroma_shift", ChromaShift::fromArgs);
        OPS.put("down_up", DownUpResize::fromArgs);
        OPS.put("blur", AverageBlur::fromArgs);
        OPS.put("motion_blur", MotionBlur::fromArgs);
        OPS.put("jpeg", JpegReencode::fromArgs);
        OPS.put("print", PrintAttack::fromArgs);
        OPS.put("replay", ReplayAttack::fromArgs);
        OPS.put("paper_warp", PaperWarp::fromArgs);
        OPS.put("paper_edge", PaperEdge::fromArgs);
        OPS.put("paper_cutout", PaperCutout::fromArgs);
        OPS.put("ink_bleed", InkBleed::fromArgs);
        OPS.put("backlight_bleed", BacklightBleed::fromArgs);
        OPS.put("banding", RefreshBanding::fromArgs);
        OPS.put("bezel", ScreenBezel::fromArgs);
    }

    private OpCatalog() {
    }

    /** The op called name, built from args (every key must be one the op knows). */
    public static AugmentOp create(String name, OpArgs args) {
        Function<OpArgs, AugmentOp> factory = OPS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown augmentation '" + name + "'; known: " + OPS.keySet());
        }
        AugmentOp op = factory.apply(args);
        args.requireAllUsed();
        return op;
    }

    /** The op with all its default ranges. */
    public static AugmentOp withDefaults(String name) {
        return create(name, OpArgs.none(name));
    }

    public static Iterable<String> names() {
        return OPS.keySet();
    }
}
