package vigil.liveness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectSplitTest {
    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("photo/s" + i);
        }
        return ids;
    }

    @Test
    void everySubjectIsInExactlyOneSplit() {
        for (int n = 3; n <= 40; n++) {
            SubjectSplit s = SubjectSplit.of(ids(n), n, 0.6, 0.2);
            Set<String> all = new HashSet<>();
            all.addAll(s.train());
            all.addAll(s.dev());
            all.addAll(s.test());
            assertEquals(n, all.size(), "a subject appears twice for n = " + n);
            assertEquals(n, s.train().size() + s.dev().size() + s.test().size());
            assertEquals(new HashSet<>(ids(n)), all);
            assertTrue(!s.train().isEmpty() && !s.dev().isEmpty() && !s.test().isEmpty(), "an empty split for n = " + n);
        }
    }

    @Test
    void theSplitDependsOnTheSeedAndNotOnTheListOrder() {
        List<String> ids = ids(20);
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(SubjectSplit.of(ids, 5, 0.6, 0.2), SubjectSplit.of(reversed, 5, 0.6, 0.2));
        // equal weights: the shares are met to the subject (0.6 * 20, 0.2 * 20)
        assertEquals(12, SubjectSplit.of(ids, 5, 0.6, 0.2).train().size());
        assertEquals(4, SubjectSplit.of(ids, 5, 0.6, 0.2).dev().size());
    }

    @Test
    void facesNotSubjectsAreShared() {
        // One clip with 20 faces among twelve single-face photos: dealt first, it goes to train (the largest share),
        // and dev and test then hold about a fifth of all 32 faces each, give or take one subject.
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("video/clip", 20);
        for (int i = 0; i < 12; i++) {
            sizes.put("photo/p" + i, 1);
        }
        for (long seed = 0; seed < 5; seed++) {
            SubjectSplit s = SubjectSplit.of(sizes, seed, 0.6, 0.2);
            assertTrue(s.train().contains("video/clip"));
            assertTrue(Math.abs(s.dev().size() - 0.2 * 32) <= 1, "dev has " + s.dev());
            assertTrue(Math.abs(s.test().size() - 0.2 * 32) <= 1, "test has " + s.test());
        }
    }
}
