package vigil.data.augment;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import vigil.data.image.BgrImage;

/**
 * A 3x5 pixel upper-case font for labelling contact sheets. Built in, so a sheet's bytes do not
 * depend on the fonts or the text rasteriser of the machine that drew it.
 */
public final class BitmapFont {
    public static final int GLYPH_W = 3;
    public static final int GLYPH_H = 5;

    private static final Map<Character, String> GLYPHS = new HashMap<>();

    static {
        String[] table = {
            "A010101111101101", "B110101110101110", "C011100100100011", "D110101101101110", "E111100110100111",
            "F111100110100100", "G011100101101011", "H101101111101101", "I111010010010111", "J001001001101010",
            "K101101110101101", "L100100100100111", "M101111111101101", "N110101101101101", "O010101101101010",
            "P110101110100100", "Q010101101110011", "R110101110101101", "S011100010001110", "T111010010010010",
            "U101101101101111", "V101101101101010", "W101101111111101", "X101101010101101", "Y101101010010010",
            "Z111001010100111", "0111101101101111", "1010110010010111", "2110001010100111", "3110001010001110",
            "4101101111001001", "5111100110001110", "6011100111101111", "7111001010010010", "8111101111101111",
            "9111101111001110", "+000010111010000", "-000000111000000", "_000000000000111", ".000000000000010",
            ":000010000010000", "=000111000111000", " 000000000000000", "?110001010000010",
        };
        for (String row : table) {
            GLYPHS.put(row.charAt(0), row.substring(1));
        }
    }

    private BitmapFont() {
    }

    /** Draws text (upper-cased; unknown characters as '?') with its top-left at (x, y), clipped to the image. */
    public static void draw(BgrImage image, String text, int x, int y, int scale, int grey) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            String bits = GLYPHS.getOrDefault(upper.charAt(i), GLYPHS.get('?'));
            int gx = x + i * (GLYPH_W + 1) * scale;
            for (int r = 0; r < GLYPH_H; r++) {
                for (int c = 0; c < GLYPH_W; c++) {
                    if (bits.charAt(r * GLYPH_W + c) == '1') {
                        fill(image, gx + c * scale, y + r * scale, scale, grey);
                    }
                }
            }
        }
    }

    /** How many characters fit in a line width pixels wide. */
    static int charsPerLine(int width, int scale) {
        return Math.max(1, width / ((GLYPH_W + 1) * scale));
    }

    private static void fill(BgrImage image, int x0, int y0, int size, int grey) {
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                if (x >= 0 && y >= 0 && x < image.width() && y < image.height()) {
                    for (int c = 0; c < 3; c++) {
                        image.set(x, y, c, grey);
                    }
                }
            }
        }
    }
}
