package vigil.liveness.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.data.augment.ContactSheet;
import vigil.data.idx.LabelledImages;
import vigil.data.image.BgrImage;

/**
 * A contact sheet of the most-forgotten training samples, so a person can judge whether they are
 * hard or mislabelled: rows of the samples with the most forgetting events among those learned at
 * least once, then rows of samples never learned (Toneva et al. rank those first; with a few epochs
 * they are numerous enough to fill any sheet, so they get their own rows). Each cell shows the grey
 * image (upscaled by pixel repetition) and, below it, the given label, "F" and the event count ("NL"
 * for never learned) and the per-epoch correctness history.
 */
public final class ForgettingSheet {
    private ForgettingSheet() {
    }

    /**
     * {@code forgotten} learned samples by {@link ForgettingEvents#score} (ties by position), then
     * {@code neverLearned} never-learned ones in position order, each group row-major in rows of
     * {@code columns}. Position i of the scores must be image i of {@code images}.
     */
    public static BgrImage render(SampleScores scores, LabelledImages images, List<String> classNames, int forgotten,
                                  int neverLearned, int columns, int zoom) {
        if (images.size() != scores.size()) {
            throw new IllegalArgumentException("forgetting sheet: " + scores.size() + " scored samples but "
                    + images.size() + " images");
        }
        double[] score = scores.scores(SelectionMethod.FORGETTING);
        List<Integer> never = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            if (!ForgettingEvents.everLearned(scores.histories()[i])) {
                score[i] = Double.NEGATIVE_INFINITY;
                if (never.size() < neverLearned) {
                    never.add(i);
                }
            }
        }
        int learned = scores.size() - (int) Arrays.stream(score).filter(Double::isInfinite).count();
        int shown = Math.min(forgotten, learned);
        int[] top = shown == 0 ? new int[0] : SubsetSelector.keepTop(score, shown / (double) scores.size());
        int cell = Math.max(images.images().dim(2), images.images().dim(3)) * zoom;
        ContactSheet sheet = new ContactSheet(cell);
        addRows(sheet, Arrays.stream(top).boxed().toList(), scores, images, classNames, columns, zoom);
        addRows(sheet, never, scores, images, classNames, columns, zoom);
        return sheet.render();
    }

    private static void addRows(ContactSheet sheet, List<Integer> samples, SampleScores scores, LabelledImages images,
                                List<String> classNames, int columns, int zoom) {
        List<ContactSheet.Cell> row = new ArrayList<>();
        for (int idx : samples) {
            row.add(new ContactSheet.Cell(grey(images, idx, sheet.cell(), zoom), label(scores, idx, classNames)));
            if (row.size() == columns) {
                sheet.addRow(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            sheet.addRow(row);
        }
    }

    static String label(SampleScores scores, int idx, List<String> classNames) {
        int y = scores.labels()[idx];
        String name = y >= 0 && y < classNames.size() ? classNames.get(y) : "CLASS " + y;
        boolean[] history = scores.histories()[idx];
        StringBuilder h = new StringBuilder();
        for (boolean c : history) {
            h.append(c ? '1' : '0');
        }
        String events = ForgettingEvents.everLearned(history) ? "F" + ForgettingEvents.count(history) : "NL";
        return name + " " + events + " " + h;
    }

    /** Image idx [1, h, w] in [0, 1] as a cell x cell grey BGR image, each pixel repeated zoom x zoom. */
    private static BgrImage grey(LabelledImages images, int idx, int cell, int zoom) {
        int[] s = images.images().shape();
        int h = s[2];
        int w = s[3];
        float[] px = images.images().data();
        BgrImage out = new BgrImage(cell, cell);
        for (int y = 0; y < h * zoom; y++) {
            for (int x = 0; x < w * zoom; x++) {
                int v = Math.round(255 * px[idx * h * w + (y / zoom) * w + x / zoom]);
                for (int c = 0; c < 3; c++) {
                    out.set(x, y, c, v);
                }
            }
        }
        return out;
    }
}
