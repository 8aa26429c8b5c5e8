package vigil.data.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.data.image.BgrImage;

/**
 * A grid of equally sized images, each with a text label underneath (built-in bitmap font, so the
 * same cells give the same bytes on any machine). Rows may differ in length; short rows are padded.
 */
public final class ContactSheet {
    private static final int GAP = 4;
    private static final int SCALE = 2;
    private static final int LABEL_LINES = 3;
    private static final int LINE_H = (BitmapFont.GLYPH_H + 2) * SCALE;
    private static final int BACKGROUND = 24;
    private static final int TEXT = 235;

    /** One labelled image; the image must be cell x cell. */
    public record Cell(BgrImage image, String label) {
    }

    private final int cell;
    private final List<List<Cell>> rows = new ArrayList<>();

    public ContactSheet(int cell) {
        if (cell < 16) {
            throw new IllegalArgumentException("contact sheet cell must be at least 16 px, got " + cell);
        }
        this.cell = cell;
    }

    public int cell() {
        return cell;
    }

    public void addRow(List<Cell> row) {
        for (Cell c : row) {
            if (c.image().width() != cell || c.image().height() != cell) {
                throw new IllegalArgumentException("contact sheet cell '" + c.label() + "' is " + c.image()
                        + ", expected " + cell + "x" + cell);
            }
        }
        rows.add(List.copyOf(row));
    }

    /** The sheet: cells left to right, rows top to bottom, labels wrapped to three lines below each cell. */
    public BgrImage render() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(1);
        int rowH = cell + LABEL_LINES * LINE_H + GAP;
        int width = GAP + columns * (cell + GAP);
        int height = GAP + Math.max(1, rows.size()) * (rowH + GAP);
        BgrImage sheet = new BgrImage(width, height);
        Arrays.fill(sheet.data(), (byte) BACKGROUND);
        for (int r = 0; r < rows.size(); r++) {
            int top = GAP + r * (rowH + GAP);
            for (int c = 0; c < rows.get(r).size(); c++) {
                Cell item = rows.get(r).get(c);
                int left = GAP + c * (cell + GAP);
                for (int y = 0; y < cell; y++) {
                    System.arraycopy(item.image().data(), y * cell * 3, sheet.data(), ((top + y) * width + left) * 3, cell * 3);
                }
                List<String> lines = wrap(item.label(), BitmapFont.charsPerLine(cell, SCALE));
                for (int i = 0; i < Math.min(LABEL_LINES, lines.size()); i++) {
                    BitmapFont.draw(sheet, lines.get(i), left, top + cell + 3 + i * LINE_H, SCALE, TEXT);
                }
            }
        }
        return sheet;
    }

    /** Breaks at '+' or ' ' where possible, else hard-wraps; the last line ends in '.' when text was cut. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty()) {
            if (rest.length() <= width) {
                lines.add(rest);
                break;
            }
            int cut = Math.max(rest.lastIndexOf('+', width), rest.lastIndexOf(' ', width));
            cut = cut <= 0 ? width : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (lines.size() > LABEL_LINES) {
            String last = lines.get(LABEL_LINES - 1);
            lines.set(LABEL_LINES - 1, last.substring(0, Math.min(last.length(), width - 2)) + "..");
        }
        return lines;
    }
}
