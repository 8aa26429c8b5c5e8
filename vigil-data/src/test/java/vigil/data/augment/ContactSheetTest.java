package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/** Contact sheet layout and label wrapping. */
class ContactSheetTest {
    @Test
    void cellsArePlacedOnTheGridWithTheirPixels() {
        ContactSheet sheet = new ContactSheet(16);
        sheet.addRow(List.of(new ContactSheet.Cell(TestImages.flat(16, 16, 200, 0, 0), "a"),
                new ContactSheet.Cell(TestImages.flat(16, 16, 0, 0, 90), "b")));
        BgrImage out = sheet.render();
        assertEquals(4 + 2 * 20, out.width());
        assertEquals(200, out.get(4, 4, 0));
        assertEquals(90, out.get(4 + 20 + 15, 4 + 15, 2));
        assertEquals(24, out.get(2, 2, 1), "background between cells");
    }

    @Test
    void labelTextIsDrawnBelowTheCell() {
        ContactSheet sheet = new ContactSheet(16);
        sheet.addRow(List.of(new ContactSheet.Cell(TestImages.flat(16, 16, 0, 0, 0), "I")));
        BgrImage out = sheet.render();
        // 'I' starts with a full top bar (3 px wide at scale 2) at (left, top + cell + 3).
        assertEquals(235, out.get(4, 4 + 16 + 3, 0));
        assertEquals(235, out.get(4 + 5, 4 + 16 + 3, 0));
    }

    @Test
    void labelsWrapAtPlusSignsAndAreCutAfterThreeLines() {
        assertEquals(List.of("crop+flip", "+jpeg"), ContactSheet.wrap("crop+flip+jpeg", 10));
        List<String> lines = ContactSheet.wrap("a+b+c+d+e+f+g+h", 3);
        assertEquals(3, lines.get(2).length());
        assertEquals("+..", lines.get(2));
    }

    @Test
    void cellsOfTheWrongSizeAreRejected() {
        ContactSheet sheet = new ContactSheet(16);
        assertThrows(IllegalArgumentException.class,
                () -> sheet.addRow(List.of(new ContactSheet.Cell(TestImages.flat(8, 16, 0, 0, 0), "x"))));
    }
}
