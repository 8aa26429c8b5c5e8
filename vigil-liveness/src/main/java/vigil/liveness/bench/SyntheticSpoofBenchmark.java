package vigil.liveness.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vigil.data.augment.Policy;
import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.face.crop.ScaledCrop;
import vigil.face.detect.FaceBox;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Json;

/**
 * Builds the synthetic-spoof benchmark: live faces from real photos and video frames, spoofs of them
 * rendered by the {@link AttackRenderer}s, split by subject, written as PNGs plus a manifest.
 *
 * <p>Per face (SSD box, at least min_face wide): live_variants captures, variant 0 the box as detected,
 * the others with the box shifted by up to 6% and scaled by up to 8% and every odd variant mirrored; each
 * capture is the box grown by crop_scale (Silent-Face's {@link ScaledCrop}) resized to capture x capture,
 * or with crop: aligned the {@link AlignedCapture} on the eye centres that face-api's landmark net places
 * in the box (faces it places none in are skipped).
 * From each capture: one live sample and one attack per renderer of its split (train and dev: the
 * training renderers; test: those and the held-out ones). Every sample then passes through the same
 * camera step (JPEG at quality 70..95) and is resized to size x size, so live and attack images share
 * every processing stage except the attack itself.
 *
 * <p>Deterministic: subjects are sorted, each draws from Rng(seed).fork(its position among the subjects
 * with faces), faces and variants from forks of that; the split is {@link SubjectSplit#of} over the
 * subjects that have at least one face, weighted by their face counts.
 */
public final class SyntheticSpoofBenchmark {
    public static final String INFO = "benchmark.json";
    private static final Policy CAMERA = Policy.parse("any jpeg 1 quality=70..95", "camera step");

    /** A face capture before any attack, with the stream its samples draw from. */
    private record Capture(String subject, String name, BgrImage image, Rng rng) {
    }

    /** What a build made: sample counts per split and kind, the split, and sources that were missing. */
    public record Summary(Path root, SubjectSplit split, Map<String, Integer> counts, List<String> faceless,
                          List<Path> missing) {
    }

    private SyntheticSpoofBenchmark() {
    }

    /** True when root holds a finished build of exactly this config. */
    public static boolean isBuilt(BenchmarkConfig config) throws IOException {
        Path info = config.root().resolve(INFO);
        if (!Files.isRegularFile(info) || !Files.isRegularFile(config.root().resolve(BenchmarkManifest.FILE))) {
            return false;
        }
        Object built = Json.parseObject(Files.readString(info, StandardCharsets.UTF_8)).get("config");
        if (!Json.write(built).equals(Json.write(config.toJson()))) {
            throw new IOException(info + ": this folder holds a benchmark built with another config " + Json.write(built)
                    + "; delete it or choose another data.root");
        }
        return true;
    }

    /**
     * Builds into config.root() (which must not hold another build); log gets one line per subject, or null.
     * Aligned crops load face-api's landmark net from config.landmarks().
     */
    public static Summary build(BenchmarkConfig config, FaceFinder finder, PrintStream log) throws IOException {
        return build(config, finder, config.aligned() ? FaceAligner.faceApi(config.landmarks()) : null, log);
    }

    /** As {@link #build(BenchmarkConfig, FaceFinder, PrintStream)} with the eye centres from aligner (crop: aligned). */
    public static Summary build(BenchmarkConfig config, FaceFinder finder, FaceAligner aligner, PrintStream log)
            throws IOException {
        if (config.aligned() && aligner == null) {
            throw new IllegalArgumentException("synthetic-spoof benchmark: crop: aligned needs a FaceAligner");
        }
        List<Path> missing = new ArrayList<>();
        List<LiveSubject> subjects = LiveSubject.discover(config.sources(), missing);
        List<List<Capture>> captures = new ArrayList<>();
        List<String> withFaces = new ArrayList<>();
        Map<String, Integer> faceCounts = new LinkedHashMap<>();
        List<String> faceless = new ArrayList<>();
        for (LiveSubject subject : subjects) {
            List<Capture> c = captures(subject, config, finder, aligner, new Rng(config.seed()).fork(withFaces.size()));
            if (c.isEmpty()) {
                faceless.add(subject.id());
                continue;
            }
            withFaces.add(subject.id());
            faceCounts.put(subject.id(), c.size() / config.liveVariants());
            captures.add(c);
            if (log != null) {
                log.println("bench: " + subject.id() + ": " + c.size() / config.liveVariants() + " face(s)");
            }
        }
        if (withFaces.size() < 3) {
            throw new IOException("synthetic-spoof benchmark: only " + withFaces.size() + " subject(s) with a face in "
                    + config.sources() + " (missing: " + missing + "); need 3 for train, dev and test");
        }
        SubjectSplit split = SubjectSplit.of(faceCounts, config.seed(), config.trainFraction(), config.devFraction());
        Path root = config.root();
        Files.createDirectories(root);
        List<BenchmarkSample> samples = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (List<Capture> subjectCaptures : captures) {
            String subject = subjectCaptures.get(0).subject();
            String part = split.splitOf(subject);
            List<AttackRenderer> renderers = new ArrayList<>(config.trainRenderers());
            if (part.equals(SubjectSplit.TEST)) {
                renderers.addAll(config.heldOutRenderers());
            }
            String folder = "images/" + part + "/" + subject.replace('/', '_') + "/";
            Files.createDirectories(root.resolve(folder));
            for (Capture c : subjectCaptures) {
                BgrImage live = camera(c.image(), config.size(), c.rng().fork(0));
                samples.add(write(root, folder + c.name() + "_live.png", live, part, subject, ""));
                for (AttackRenderer r : renderers) {
                    // Each renderer has its own stream (by ordinal), so adding a renderer changes no other image.
                    Rng rr = c.rng().fork(100 + r.ordinal());
                    BgrImage spoof = camera(r.render(c.image(), rr.fork(0)).image(), config.size(), rr.fork(1));
                    samples.add(write(root, folder + c.name() + "_" + r.label() + ".png", spoof, part, subject, r.label()));
                }
            }
        }
        for (BenchmarkSample s : samples) {
            counts.merge(s.split() + "/" + (s.live() ? "live" : s.attackType()), 1, Integer::sum);
        }
        BenchmarkManifest.write(root, samples);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("config", config.toJson());
        info.put("split", split.toJson());
        info.put("faceless_subjects", faceless);
        info.put("missing_sources", missing.stream().map(Path::toString).toList());
        info.put("counts", counts);
        // Written last: its presence marks a complete build.
        Files.writeString(root.resolve(INFO), Json.write(info) + "\n", StandardCharsets.UTF_8);
        return new Summary(root, split, counts, faceless, missing);
    }

    private static List<Capture> captures(LiveSubject subject, BenchmarkConfig config, FaceFinder finder,
                                          FaceAligner aligner, Rng rng) throws IOException {
        List<Capture> out = new ArrayList<>();
        int face = 0;
        List<BgrImage> frames = subject.frames(config.videoEvery());
        for (BgrImage frame : frames) {
            for (FaceBox box : finder.find(frame)) {
                if (box.width() < config.minFace() || box.height() < config.minFace()) {
                    continue;
                }
                double[] eyes = config.aligned() ? aligner.eyeCentres(frame, box) : null;
                if (config.aligned() && eyes == null) {
                    continue;
                }
                Rng faceRng = rng.fork(face);
                for (int v = 0; v < config.liveVariants(); v++) {
                    Rng vr = faceRng.fork(v);
                    Rng jitter = v == 0 ? null : vr.fork(0);
                    BgrImage image = config.aligned() ? AlignedCapture.crop(frame, eyes, config.capture(), jitter)
                            : crop(frame, box, config, jitter);
                    if (v % 2 == 1) {
                        image = mirror(image);
                    }
                    out.add(new Capture(subject.id(), String.format("face%03d_v%d", face, v), image, vr.fork(1)));
                }
                face++;
            }
        }
        return out;
    }

    /** The scaled crop of box (jittered when jitter is not null) resized to the capture size. */
    private static BgrImage crop(BgrImage frame, FaceBox box, BenchmarkConfig config, Rng jitter) {
        int x = box.x();
        int y = box.y();
        int w = box.width();
        int h = box.height();
        if (jitter != null) {
            double s = 1 + jitter.uniform(-0.08f, 0.08f);
            int nw = Math.max(1, (int) Math.round(w * s));
            int nh = Math.max(1, (int) Math.round(h * s));
            x += (w - nw) / 2 + Math.round(jitter.uniform(-0.06f, 0.06f) * w);
            y += (h - nh) / 2 + Math.round(jitter.uniform(-0.06f, 0.06f) * h);
            w = nw;
            h = nh;
        }
        // Keep the box inside the frame; ScaledCrop then grows it and shifts the grown box inside.
        x = Math.max(0, Math.min(x, frame.width() - 2));
        y = Math.max(0, Math.min(y, frame.height() - 2));
        w = Math.max(1, Math.min(w, frame.width() - 1 - x));
        h = Math.max(1, Math.min(h, frame.height() - 1 - y));
        return ScaledCrop.of(x, y, w, h, frame.width(), frame.height(), config.cropScale())
                .cropAndResize(frame, config.capture(), config.capture());
    }

    private static BgrImage mirror(BgrImage image) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.data();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, (y * w + x) * 3, out, (y * w + (w - 1 - x)) * 3, 3);
            }
        }
        return new BgrImage(w, h, out);
    }

    /** The camera step every sample shares, then the stored size. */
    private static BgrImage camera(BgrImage image, int size, Rng rng) {
        BgrImage jpeg = CAMERA.apply(image, Optional.empty(), false, rng).image();
        return OpenCvResize.linear(jpeg, size, size);
    }

    private static BenchmarkSample write(Path root, String path, BgrImage image, String split, String subject,
                                         String attackType) throws IOException {
        image.writePng(root.resolve(path));
        return new BenchmarkSample(path, split, subject, attackType.isEmpty(), attackType);
    }
}
