// Makes the Keras test models of ConvGen's importer with TensorFlow.js's layers API (not run by CI; output committed).
//
//   npm install @tensorflow/tfjs-layers @tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu
//   NODE_PATH=$PWD/node_modules node tests/ConvGen.ImportTests/make_tfjs_models.js
//
// For every model, under KerasModels/NAME/: model.json (TF.js layers-model: Keras JSON topology + weights manifest),
// weights.bin (the shard), input.bin (NHWC float32) and output.bin (TF.js's prediction).
// No bilinear UpSampling2D: TF.js resizes without half-pixel centers (TF1), which ConvGen refuses for TF.js models.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');
const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, 'KerasModels');

function sequential() {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [12, 10, 3], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(tfl.layers.batchNormalization({ epsilon: 0.001 }));
  m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' }));
  m.add(tfl.layers.separableConv2d({ filters: 5, kernelSize: [3, 2], strides: [1, 2], padding: 'valid', activation: 'tanh' }));
  m.add(tfl.layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }));
  m.add(tfl.layers.conv2d({ filters: 4, kernelSize: 2, dilationRate: 1, useBias: false, activation: 'elu' }));
  m.add(tfl.layers.upSampling2d({ size: [2, 2] }));
  m.add(tfl.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid' }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dropout({ rate: 0.25 }));
  m.add(tfl.layers.dense({ units: 8, activation: 'swish' }));
  m.add(tfl.layers.leakyReLU({ alpha: 0.15 }));
  m.add(tfl.layers.dense({ units: 5, activation: 'softmax' }));
  return m;
}

function lenet() {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  m.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: 32, activation: 'tanh' }));
  m.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

function functional() {
  const input = tfl.input({ shape: [16, 16, 3] });
  const a = tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input);
  const b = tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(a);
  const bn = tfl.layers.batchNormalization().apply(b);
  const sum = tfl.layers.add().apply([a, bn]);
  const act = tfl.layers.activation({ activation: 'relu' }).apply(sum);
  const branch = tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'tanh' }).apply(input);
  const cat = tfl.layers.concatenate().apply([act, branch]);
  const pooled = tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(cat);
  const up = tfl.layers.upSampling2d({ size: [2, 2], interpolation: 'nearest' }).apply(pooled);
  const c = tfl.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }).apply(up);
  const g = tfl.layers.globalAveragePooling2d({}).apply(c);
  const out = tfl.layers.dense({ units: 4, activation: 'softmax' }).apply(g);
  return tfl.model({ inputs: input, outputs: out });
}

function unet() {
  const input = tfl.input({ shape: [16, 16, 2] });
  const e1 = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input);
  const p1 = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(e1);
  const e2 = tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(p1);
  const u1 = tfl.layers.conv2dTranspose({ filters: 4, kernelSize: 2, strides: 2 }).apply(e2);
  const cat = tfl.layers.concatenate({ axis: -1 }).apply([u1, e1]);
  const d1 = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(cat);
  const out = tfl.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }).apply(d1);
  return tfl.model({ inputs: input, outputs: out });
}

function mlpGlobalMax() {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [9, 9, 2], filters: 5, kernelSize: 3, strides: 2, activation: 'relu' }));
  m.add(tfl.layers.globalMaxPooling2d({}));
  m.add(tfl.layers.dense({ units: 6, activation: 'elu' }));
  m.add(tfl.layers.reLU({ maxValue: 6 }));
  m.add(tfl.layers.dense({ units: 3, useBias: false }));
  m.add(tfl.layers.softmax());
  return m;
}

// Keeps the weights non-trivial (random batch-norm statistics, biases).
function randomize(model, seed) {
  let s = seed;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  for (const layer of model.layers) {
    const values = layer.getWeights().map((w, i) => {
      const n = w.size;
      const name = layer.weights[i].name;
      const data = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        data[j] = name.includes('variance') ? 0.5 + next() : name.includes('gamma') ? 0.5 + next() : (next() * 2 - 1) * 0.6;
      }
      return tf.tensor(data, w.shape);
    });
    if (values.length) layer.setWeights(values);
  }
}

async function save(name, model, seed) {
  randomize(model, seed);
  const dir = path.join(OUT, name);
  fs.mkdirSync(dir, { recursive: true });
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const json = {
      format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers', convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(artifacts.weightData));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const shape = [1].concat(model.inputs[0].shape.slice(1));
  const input = tf.randomUniform(shape, -1, 1, 'float32', seed);
  const output = model.predict(input);
  fs.writeFileSync(path.join(dir, 'input.bin'), Buffer.from((await input.data()).buffer));
  fs.writeFileSync(path.join(dir, 'output.bin'), Buffer.from((await output.data()).buffer));
  console.log(name, shape, output.shape);
}

(async () => {
  await tf.setBackend('cpu');
  await save('sequential', sequential(), 1);
  await save('lenet', lenet(), 2);
  await save('functional', functional(), 3);
  await save('unet', unet(), 4);
  await save('globalmax_relu6', mlpGlobalMax(), 5);
})();
