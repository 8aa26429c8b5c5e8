package vigil.tensor.conformance;

import java.util.List;

/** The verdict on one golden case: no failures means it passed. */
public record CaseResult(String name, String op, List<String> failures) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
