package vigil.data.augment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A label-conditional augmentation pipeline: steps run in file order, each on the samples its
 * condition matches, each with its own probability. Every step gets its own stream
 * ({@code rng.fork(step index)}), so editing one line does not change what the other lines draw.
 *
 * <p>File format (UTF-8, one step per line; '#' starts a comment; blank lines ignored):
 * <pre>
 *   CONDITION  OP  PROBABILITY  [KEY=VALUE ...]
 *   spoof      jpeg  0.5  quality=10..60
 *   any        flip  0.5
 * </pre>
 * CONDITION is {@code live}, {@code spoof} or {@code any}; OP one of {@link OpCatalog#names()};
 * PROBABILITY in 0..1; each VALUE a number or a range {@code LO..HI} to draw from uniformly.
 * Unknown ops or keys are errors naming the file and line.
 */
public record Policy(List<PolicyStep> steps) {
    public Policy {
        steps = List.copyOf(steps);
    }

    /** Runs the matching steps on image (and target, if present); spoof chooses which steps match. */
    public Augmented apply(BgrImage image, Optional<DenseMap> target, boolean spoof, Rng rng) {
        BgrImage current = image;
        Optional<DenseMap> currentTarget = target;
        List<AppliedOp> applied = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PolicyStep step = steps.get(i);
            Rng stepRng = rng.fork(i);
            if (!step.when().matches(spoof) || stepRng.nextFloat() >= step.probability()) {
                continue;
            }
            OpParams params = step.op().draw(stepRng);
            current = params.apply(current);
            currentTarget = currentTarget.map(params::applyToTarget);
            applied.add(new AppliedOp(step.op().name(), params));
        }
        return new Augmented(current, currentTarget, applied);
    }

    public static Policy read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The policy shipped with Vigil: colour jitter and darkening for all; recapture artefacts on spoofs only. */
    public static Policy defaults() {
        try (InputStream in = Policy.class.getResourceAsStream("default-policy.txt")) {
            if (in == null) {
                throw new IllegalStateException("default-policy.txt missing from the vigil-data jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default-policy.txt");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read default-policy.txt", e);
        }
    }

    /** Parses the format above; source names the text in error messages. */
    public static Policy parse(String text, String source) {
        List<PolicyStep> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                steps.add(parseStep(line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Policy(steps);
    }

    private static PolicyStep parseStep(String[] words) {
        if (words.length < 3) {
            throw new IllegalArgumentException("expected CONDITION OP PROBABILITY [KEY=VALUE ...]");
        }
        LabelCondition when = LabelCondition.parse(words[0]);
        float probability;
        try {
            probability = Float.parseFloat(words[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probability '" + words[2] + "' is not a number");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 3; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + words[i] + "' is not KEY=VALUE");
            }
            if (args.put(words[i].substring(0, eq), words[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("key '" + words[i].substring(0, eq) + "' given twice");
            }
        }
        return new PolicyStep(when, OpCatalog.create(words[1], new OpArgs(words[1], args)), probability);
    }
}
