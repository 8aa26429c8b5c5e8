// Reference outputs of face-api 1.7.15 (TF.js 4.22 CPU backend) for Vigil's landmark tests.
// Inputs are raw RGB dumps written by DumpRgb.java (the JDK's decoder), so both sides see the
// same pixels. Usage (see README.md):
//   node make_goldens.mjs SCRATCH_DIR OUT.json NAME=FILE.rgb:WIDTHxHEIGHT[@INPUTSIZE] ...
// where SCRATCH_DIR/node_modules holds @vladmandic/face-api@1.7.15, @tensorflow/tfjs@4.22.0 and the
// shim @tensorflow/tfjs-node that README.md creates (it re-exports the pure-JS tfjs, CPU backend).
// Writes {"faceApi": version, "cases": [{name, width, height, rgbSha256, inputSize, detections:
// [{score, box:{x,y,width,height}, landmarks: {full:[x0,y0,...], tiny:[...]}}]}]}.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const [scratch, outFile, ...specs] = process.argv.slice(2);
if (!scratch || !outFile || specs.length === 0) {
  console.error('usage: node make_goldens.mjs SCRATCH_DIR OUT.json NAME=FILE.rgb:WxH[@INPUTSIZE] ...');
  process.exit(2);
}
const pkgDir = path.join(scratch, 'node_modules/@vladmandic/face-api');
// face-api's Node build requires @tensorflow/tfjs-node; the shim hands it the pure-JS tfjs instead.
const faceapi = createRequire(path.join(scratch, 'package.json'))('@vladmandic/face-api/dist/face-api.node.js');
const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();

// face-api fetches weights over HTTP in browsers; here the manifest and .bin are read from disk and
// handed to its own loader (loadFromWeightMap) through TF.js's decodeWeights.
function weightMap(model) {
  const dir = path.join(pkgDir, 'model');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, `${model}-weights_manifest.json`), 'utf8'));
  const specsAll = [];
  const buffers = [];
  for (const group of manifest) {
    specsAll.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const ab = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.io.decodeWeights(ab, specsAll);
}
faceapi.nets.tinyFaceDetector.loadFromWeightMap(weightMap('tiny_face_detector_model'));
faceapi.nets.faceLandmark68Net.loadFromWeightMap(weightMap('face_landmark_68_model'));
faceapi.nets.faceLandmark68TinyNet.loadFromWeightMap(weightMap('face_landmark_68_tiny_model'));

const flat = (positions) => positions.flatMap((p) => [p.x, p.y]);
const cases = [];
for (const spec of specs) {
  const m = /^([^=]+)=(.+):(\d+)x(\d+)(?:@(\d+))?$/.exec(spec);
  if (!m) throw new Error(`bad case spec ${spec}`);
  const [, name, file, w, h, size] = m;
  const width = Number(w);
  const height = Number(h);
  const inputSize = size ? Number(size) : 416;
  const rgb = fs.readFileSync(file);
  if (rgb.length !== width * height * 3) throw new Error(`${file}: ${rgb.length} bytes, expected ${width * height * 3}`);
  const image = tf.tensor3d(new Int32Array(rgb), [height, width, 3], 'int32');
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 });
  const full = await faceapi.detectAllFaces(image, options).withFaceLandmarks(false);
  const tiny = await faceapi.detectAllFaces(image, options).withFaceLandmarks(true);
  const detections = full.map((r, i) => ({
    score: r.detection.score,
    box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
    landmarks: { full: flat(r.landmarks.positions), tiny: flat(tiny[i].landmarks.positions) },
  }));
  image.dispose();
  const rgbSha256 = crypto.createHash('sha256').update(rgb).digest('hex');
  cases.push({ name, width, height, rgbSha256, inputSize, detections });
  console.error(`${name}: ${detections.length} face(s)${detections.map((d) => ` ${d.score.toFixed(4)}`).join('')}`);
}
fs.writeFileSync(outFile, `${JSON.stringify({ faceApi: faceapi.version, tfjs: tf.version_core, cases }, null, 1)}\n`);
