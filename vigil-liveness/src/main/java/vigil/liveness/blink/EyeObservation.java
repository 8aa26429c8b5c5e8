package vigil.liveness.blink;

/**
 * What one frame shows of the eyes: both aligned grey eye crops ({@link EyeStateCnn#CROP} squared,
 * row-major, values in [0, 1]) and each eye's aspect ratio from the landmarks. "Left" and "right"
 * are the image's left and right, as the landmarker names them.
 */
public record EyeObservation(float[] leftCrop, float[] rightCrop, float leftEar, float rightEar) {
    public EyeObservation {
        int n = EyeStateCnn.CROP * EyeStateCnn.CROP;
        if (leftCrop.length != n || rightCrop.length != n) {
            throw new IllegalArgumentException("eye crops must hold " + n + " grey values, got "
                    + leftCrop.length + " and " + rightCrop.length);
        }
    }
}
