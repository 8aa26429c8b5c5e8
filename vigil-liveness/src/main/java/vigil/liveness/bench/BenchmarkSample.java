package vigil.liveness.bench;

/**
 * One image of the benchmark, a row of its manifest.csv.
 *
 * @param path       relative to the benchmark folder
 * @param split      train, dev or test
 * @param subject    the {@link LiveSubject} id it was made from
 * @param live       a bona fide capture (else an attack)
 * @param attackType the {@link AttackRenderer} label, "" for live
 */
public record BenchmarkSample(String path, String split, String subject, boolean live, String attackType) {
    public BenchmarkSample {
        if (live != attackType.isEmpty()) {
            throw new IllegalArgumentException("BenchmarkSample " + path + ": live samples and only they have no attack type");
        }
        for (String field : new String[] {path, split, subject, attackType}) {
            if (field.contains(",") || field.contains("\n")) {
                throw new IllegalArgumentException("BenchmarkSample: '" + field + "' would break the manifest CSV");
            }
        }
    }

    /** 1 live, 0 attack, as the list files and the loader label them. */
    public int label() {
        return live ? 1 : 0;
    }
}
