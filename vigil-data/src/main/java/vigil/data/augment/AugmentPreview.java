package vigil.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vigil.data.augment.attack.AttackKind;
import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.tensor.init.Rng;

/**
 * Builds the contact sheet of {@code vigil augment preview}: per input image one row with the
 * original, some policy variants as a live sample, some as a spoof, and one synthesised attack per
 * requested attack kind. Everything is drawn from (seed, input index, cell index), so a seed fixes the sheet.
 */
public record AugmentPreview(Policy policy, List<AttackKind> attacks, int variantsPerLabel, int cell) {
    public AugmentPreview {
        attacks = List.copyOf(attacks);
        if (variantsPerLabel < 0) {
            throw new IllegalArgumentException("variants per label must be >= 0, got " + variantsPerLabel);
        }
    }

    public BgrImage render(List<BgrImage> inputs, long seed) {
        ContactSheet sheet = new ContactSheet(cell);
        Rng root = new Rng(seed);
        for (int i = 0; i < inputs.size(); i++) {
            BgrImage original = squareCell(inputs.get(i), cell);
            Rng rowRng = root.fork(i);
            List<ContactSheet.Cell> row = new ArrayList<>();
            row.add(new ContactSheet.Cell(original, "original"));
            int k = 0;
            for (boolean spoof : new boolean[] {false, true}) {
                for (int v = 0; v < variantsPerLabel; v++) {
                    Augmented a = policy.apply(original, Optional.empty(), spoof, rowRng.fork(k++));
                    row.add(new ContactSheet.Cell(a.image(), (spoof ? "spoof: " : "live: ") + a.summary()));
                }
            }
            for (AttackKind attack : attacks) {
                Augmented a = attack.synthesise(original, rowRng.fork(k++));
                row.add(new ContactSheet.Cell(a.image(), attack.label() + " attack: " + a.summary()));
            }
            sheet.addRow(row);
        }
        return sheet.render();
    }

    /** The largest centred square, resized to cell x cell (OpenCV INTER_LINEAR). */
    static BgrImage squareCell(BgrImage image, int cell) {
        int side = Math.min(image.width(), image.height());
        int x = (image.width() - side) / 2;
        int y = (image.height() - side) / 2;
        BgrImage square = side == image.width() && side == image.height() ? image
                : image.crop(x, y, x + side - 1, y + side - 1);
        return OpenCvResize.linear(square, cell, cell);
    }
}
