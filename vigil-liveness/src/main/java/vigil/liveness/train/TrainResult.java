package vigil.liveness.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param steps          optimizer steps done in all (including those before a resume)
 * @param lastValidation the final validation
 * @param bestValue      the best value of the selection metric (NaN if none was finite)
 * @param bestStep       the step best.safetensors was written at (0 if never)
 */
public record TrainResult(long steps, ValidationResult lastValidation, double bestValue, long bestStep, Path last,
                          Path best, Path metricsLog, Path curve) {
}
