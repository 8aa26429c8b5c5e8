package vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.check.ImageInputs;
import vigil.data.image.ImageDecoder;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.PassiveLiveness;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.liveness.qat.CropBatchSource;
import vigil.liveness.qat.LabelledCrops;
import vigil.liveness.qat.QatConfig;
import vigil.liveness.qat.QatExport;
import vigil.liveness.qat.QatFineTuner;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Softmax;

/**
 * Quantization-aware fine-tuning of one Silent-Face model on labelled face crops; writes the float weights
 * and the activation ranges that `vigil quantize --qat` turns into the int8 model.
 */
@Command(name = "qat", mixinStandardHelpOptions = true,
        description = "Quantization-aware fine-tuning of a Silent-Face MiniFASNet: writes OUT.safetensors (float "
                + "weights) and OUT.ranges.json (activation ranges) for the int8 converter.")
final class QatCommand implements Callable<Integer> {
    private static final int LIVE = 1;

    @Option(names = "--model", required = true, paramLabel = "FILE.pth", description = "the Silent-Face model to fine-tune")
    Path model;

    @Option(names = "--models", paramLabel = "DIR", description = "folder with the face detector (default: ../shared/models/silent-face)")
    Path models;

    @Option(names = "--live", arity = "1..*", paramLabel = "IMAGE|DIR", description = "images of live faces")
    List<Path> live = new ArrayList<>();

    @Option(names = "--spoof", arity = "1..*", paramLabel = "IMAGE|DIR", description = "images of spoof faces")
    List<Path> spoof = new ArrayList<>();

    @Option(names = "--attacks", defaultValue = "2", description = "spoofs synthesised per live image, print / replay alternating (default ${DEFAULT-VALUE})")
    int attacks;

    @Option(names = "--steps", defaultValue = "20", description = "fine-tuning steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "crops per step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-5", description = "SGD learning rate, momentum 0.9 (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--quant-delay", defaultValue = "2", description = "steps that only collect ranges before fake quantization starts (default ${DEFAULT-VALUE})")
    long quantDelay;

    @Option(names = "--freeze-bn", defaultValue = "0", description = "step from which batch norm uses its running statistics (default ${DEFAULT-VALUE}: pretrained statistics throughout)")
    long freezeBn;

    @Option(names = "--seed", defaultValue = "1", description = "batch and synthesis seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--check", arity = "1..*", paramLabel = "IMAGE", description = "images whose verdicts are compared before and after")
    List<Path> check = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output stem: OUT.safetensors and OUT.ranges.json")
    Path out;

    @Override
    public Integer call() throws Exception {
        PassiveLiveness detectorOnly = PassiveLiveness.load(models != null ? models : DataPaths.silentFaceModels(), 0.6f);
        PretrainedMiniFasNet pretrained = PretrainedMiniFasNet.load(model);
        MiniFasNet net = pretrained.model();
        LabelledCrops crops = new LabelledCrops(detectorOnly.detector(), pretrained.spec());
        Rng rng = new Rng(seed);
        for (Path f : ImageInputs.expand(live)) {
            if (crops.add(f, LIVE).isEmpty()) {
                System.out.println("no face, skipped: " + f);
                continue;
            }
            crops.addSynthesised(f, attacks, -1, rng.fork(f.toString().hashCode()));
        }
        for (Path f : ImageInputs.expand(spoof)) {
            if (crops.add(f, -1).isEmpty()) {
                System.out.println("no face, skipped: " + f);
            }
        }
        List<LabelledCrops.Crop> labelled = spoofKinds(net, crops.crops());
        long spoofs = labelled.stream().filter(c -> c.label() != LIVE).count();
        System.out.printf("%d crops: %d live, %d spoof%n", labelled.size(), labelled.size() - spoofs, spoofs);

        List<float[]> before = new ArrayList<>();
        List<Tensor> checkInputs = new ArrayList<>();
        for (Path f : check) {
            Optional<Tensor> x = crops.modelInput(ImageDecoder.readBgr(f));
            if (x.isEmpty()) {
                throw new IllegalArgumentException(f + ": no face found for --check");
            }
            checkInputs.add(x.get());
            before.add(probabilities(net, x.get()));
        }
        QatConfig config = new QatConfig(steps, quantDelay, freezeBn, lr);
        long start = System.nanoTime();
        QatFineTuner.Result r = QatFineTuner.fineTune(net, new CropBatchSource(labelled, batch, seed), config,
                System.out::println);
        System.out.printf("fine-tuned %d steps in %.1f s%n", steps, (System.nanoTime() - start) / 1e9);
        QatExport.Exported files = QatExport.write(out, r.qat(), model.toString(), steps);
        System.out.println("wrote " + files.weights() + " and " + files.ranges());
        for (int i = 0; i < check.size(); i++) {
            float[] q = probabilities(r.qat(), checkInputs.get(i));
            float[] f = probabilities(net, checkInputs.get(i));
            System.out.printf("%s: pretrained %s live %.4f | QAT fake-quant %s live %.4f | fine-tuned float %s live %.4f%n",
                    check.get(i).getFileName(), verdict(before.get(i)), before.get(i)[LIVE], verdict(q), q[LIVE],
                    verdict(f), f[LIVE]);
        }
        return 0;
    }

    /** Live crops keep class 1; each spoof gets the pretrained model's most likely spoof class (the kind is unknown). */
    private static List<LabelledCrops.Crop> spoofKinds(MiniFasNet net, List<LabelledCrops.Crop> crops) {
        List<LabelledCrops.Crop> out = new ArrayList<>();
        for (LabelledCrops.Crop c : crops) {
            if (c.label() == LIVE) {
                out.add(c);
                continue;
            }
            Tensor x = Tensor.of(c.pixels().data(), 1, c.pixels().dim(0), c.pixels().dim(1), c.pixels().dim(2));
            float[] p = probabilities(net, x);
            int best = -1;
            for (int k = 0; k < p.length; k++) {
                if (k != LIVE && (best < 0 || p[k] > p[best])) {
                    best = k;
                }
            }
            out.add(new LabelledCrops.Crop(c.pixels(), best, c.source()));
        }
        return out;
    }

    private static float[] probabilities(vigil.tensor.nn.Layer net, Tensor x) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            return Softmax.softmax(net.forward(x), 1).data();
        }
    }

    private static String verdict(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return (best == LIVE ? "live" : "spoof") + "(" + best + ")";
    }
}
