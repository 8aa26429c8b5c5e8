package vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;
import vigil.data.augment.AugmentPreview;
import vigil.data.augment.Policy;
import vigil.data.augment.attack.AttackKind;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/** Writes a labelled contact sheet: each input, its policy variants as live and as spoof, and synthesised attacks. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Writes a PNG contact sheet, one row per input image: the original, policy",
                "variants as a live and as a spoof sample (labelled with the ops that fired),",
                "and one synthesised attack per --attacks entry. The same seed writes the same bytes."})
final class AugmentPreviewCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "IMAGE|DIR",
            description = "an image, or a directory whose images (jpg, jpeg, png, bmp; sorted by name) are used")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "SHEET.png", description = "the contact sheet to write")
    Path out;

    @Option(names = "--policy", paramLabel = "FILE", description = "policy file (default: Vigil's built-in policy)")
    Path policyFile;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--attacks", split = ",", paramLabel = "KIND", converter = AttackConverter.class,
            description = "synthesised attacks to add: print, replay")
    List<AttackKind> attacks = new ArrayList<>();

    @Option(names = "--variants", defaultValue = "3", description = "policy variants per label (default: ${DEFAULT-VALUE})")
    int variants;

    @Option(names = "--max-images", defaultValue = "8", description = "rows at most, for a directory (default: ${DEFAULT-VALUE})")
    int maxImages;

    @Option(names = "--cell", defaultValue = "128", description = "cell side in pixels (default: ${DEFAULT-VALUE})")
    int cell;

    @Override
    public Integer call() throws Exception {
        Policy policy = policyFile == null ? Policy.defaults() : Policy.read(policyFile);
        List<BgrImage> images = new ArrayList<>();
        for (Path f : inputs()) {
            images.add(ImageDecoder.readBgr(f));
        }
        AugmentPreview preview = new AugmentPreview(policy, attacks, variants, cell);
        preview.render(images, seed).writePng(out);
        System.out.println(out + ": " + images.size() + " image(s), seed " + seed);
        return 0;
    }

    /** An unknown attack is a usage error (exit code 2, with the usage), not a failure of the command. */
    static final class AttackConverter implements ITypeConverter<AttackKind> {
        @Override
        public AttackKind convert(String value) {
            try {
                return AttackKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private List<Path> inputs() throws IOException {
        if (!Files.isDirectory(in)) {
            if (!Files.isRegularFile(in)) {
                throw new IOException(in + ": no such image or directory");
            }
            return List.of(in);
        }
        try (Stream<Path> files = Files.list(in)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)"))
                    .sorted().limit(Math.max(1, maxImages)).toList();
            if (found.isEmpty()) {
                throw new IOException(in + ": no .jpg, .jpeg, .png or .bmp images");
            }
            return found;
        }
    }
}
