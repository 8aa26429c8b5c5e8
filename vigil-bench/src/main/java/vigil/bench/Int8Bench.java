package vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import vigil.liveness.int8.Int8MiniFasNet;
import vigil.liveness.int8.Int8ModelFile;
import vigil.liveness.int8.Int8Quantization;
import vigil.liveness.passive.MiniFasNet;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Batch-1 latency of each Silent-Face model in float (the engine's folded-BN evaluation path) and in int8
 * (integer-only, vigil.quant.int8 kernels, single-threaded), the median of at least RUNS steps and BenchMain's
 * measuring seconds after at least WARMUP steps and its warm-up seconds, and the file sizes.
 * Args: FLOAT_MODEL_DIR INT8_MODEL_DIR (the int8 files as `vigil quantize` writes them).
 * Run with -Dvigil.vector=off for the scalar twins, -Dvigil.threads=1 for a single-threaded float engine.
 */
public final class Int8Bench {
    private static final int WARMUP = 30;
    private static final int RUNS = 101;

    private Int8Bench() {
    }

    public static void main(String[] args) throws IOException {
        Path floatDir = Path.of(args[0]);
        Path int8Dir = Path.of(args[1]);
        List<Path> pths;
        try (var s = Files.list(floatDir)) {
            pths = s.filter(p -> p.toString().endsWith(".pth")).sorted().toList();
        }
        System.out.println("vector " + System.getProperty("vigil.vector", "on") + ", threads "
                + System.getProperty("vigil.threads", "default") + ", cores " + Runtime.getRuntime().availableProcessors());
        for (Path pth : pths) {
            Path int8File = int8Dir.resolve(Int8Quantization.int8FileName(pth));
            MiniFasNet f = Int8Quantization.loadFloat(pth).model();
            Int8MiniFasNet q = Int8ModelFile.read(int8File);
            SplittableRandom r = new SplittableRandom(1);
            int h = f.inputHeight();
            int w = f.inputWidth();
            float[] x = new float[3 * h * w];
            byte[] codes = new byte[x.length];
            for (int i = 0; i < x.length; i++) {
                int pixel = r.nextInt(256);
                x[i] = pixel;
                codes[i] = (byte) (pixel - 128);
            }
            Tensor input = Tensor.of(x, 1, 3, h, w);
            double floatMs;
            try (Autograd.NoGrad ignored = Autograd.noGrad()) {
                floatMs = BenchMain.medianMillis(() -> f.forward(input), WARMUP, RUNS);
            }
            double int8Ms = BenchMain.medianMillis(() -> q.logitCodes(codes, 1), WARMUP, RUNS);
            System.out.printf("%s: float %.3f ms, int8 %.3f ms (%.2fx); file %d -> %d bytes (%.2fx smaller)%n",
                    pth.getFileName(), floatMs, int8Ms, floatMs / int8Ms, Files.size(pth), Files.size(int8File),
                    (double) Files.size(pth) / Files.size(int8File));
        }
    }
}
