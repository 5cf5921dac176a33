#!/usr/bin/env node
// Example `command` trainer: logistic regression trained by batch gradient descent on a synthetic,
// seeded dataset, with no dependencies beyond Node.js.
//
// Protocol (libs/contracts/src/retraining.ts): the retraining job arrives as JSON on stdin; the result
// ({ metrics, params, artifactUri, tags }) leaves as one JSON object on stdout. Progress goes to stderr as
// JSON lines ({"progress": 0.4, "message": "..."}), any other stderr line is a log line. Exit code 0 means
// success; anything else is a failed attempt, with the last stderr lines as the reason. Exit code 2 means
// the job itself is invalid (bad settings), 1 that training failed.
//
// The platform also passes MLOPS_JOB_TOKEN, the job's own token (and MLOPS_PLATFORM_URL when
// RETRAINING_CALLBACK_BASE_URL is set), for a trainer that calls the platform about its job; this one
// reports only through stdout and stderr, so it needs neither. external-trainer.mjs runs it for another
// team's worker that claims jobs over HTTP.
//
// Settings (the `settings` of the model's retraining policy), all optional:
//   seed (42), samples (2000), features (5), epochs (300), learningRate (0.5), l2 (0.001),
//   testFraction (0.25), noise (1.0: label noise scale), sleepMs (0: pause per epoch, to make it slow),
//   artifactDir (where to write the weights; default the job's artifactDir, else .data/artifacts).
//
// Run it by hand:  echo '{"modelName":"demo","settings":{"epochs":50}}' | node examples/trainers/logistic-regression.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DEFAULTS = { seed: 42, samples: 2000, features: 5, epochs: 300, learningRate: 0.5, l2: 0.001, testFraction: 0.25, noise: 1, sleepMs: 0 };
const LIMITS = {
  seed: [0, 2 ** 32 - 1],
  samples: [20, 1_000_000],
  features: [1, 200],
  epochs: [1, 100_000],
  learningRate: [1e-6, 100],
  l2: [0, 100],
  testFraction: [0.05, 0.95],
  noise: [0, 100],
  sleepMs: [0, 60_000],
};

function fail(message, code = 2) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readJob() {
  let text = '';
  try {
    text = process.stdin.isTTY ? '' : readFileSync(0, 'utf8');
  } catch {
    text = '';
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`stdin is not a JSON job: ${error.message}`);
  }
}

function settingsOf(job) {
  const given = job.trainer?.settings ?? job.settings ?? {};
  const settings = { ...DEFAULTS };
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    if (given[key] === undefined) continue;
    const value = given[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      fail(`setting ${key} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    settings[key] = value;
  }
  for (const key of ['seed', 'samples', 'features', 'epochs']) settings[key] = Math.round(settings[key]);
  settings.artifactDir = typeof given.artifactDir === 'string' ? given.artifactDir : (job.artifactDir ?? null);
  return settings;
}

/** mulberry32: a small, fast, seedable PRNG so the dataset is the same on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Features ~ N(0, 1); labels drawn from a logistic model with known weights, plus Gaussian noise on the logit. */
function makeDataset({ seed, samples, features, noise }) {
  const random = prng(seed);
  const trueWeights = Array.from({ length: features }, () => gaussian(random) * 1.5);
  const trueBias = gaussian(random) * 0.5;
  const x = [];
  const y = [];
  for (let i = 0; i < samples; i++) {
    const row = Array.from({ length: features }, () => gaussian(random));
    const logit = row.reduce((sum, v, j) => sum + v * trueWeights[j], trueBias) + noise * gaussian(random);
    x.push(row);
    y.push(random() < sigmoid(logit) ? 1 : 0);
  }
  return { x, y };
}

function predict(weights, bias, row) {
  let z = bias;
  for (let j = 0; j < row.length; j++) z += weights[j] * row[j];
  return sigmoid(z);
}

function logLoss(weights, bias, x, y) {
  const eps = 1e-12;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const p = Math.min(Math.max(predict(weights, bias, x[i]), eps), 1 - eps);
    total -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
  }
  return total / x.length;
}

/** Area under the ROC curve as the Mann-Whitney statistic, with tied scores sharing their average rank. */
function auc(scores, labels) {
  const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  let rankSumPositive = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k][1] === 1) {
        rankSumPositive += averageRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function train(settings, trainX, trainY) {
  const { features, epochs, learningRate, l2, sleepMs } = settings;
  const weights = new Array(features).fill(0);
  let bias = 0;
  const reportEvery = Math.max(1, Math.floor(epochs / 20));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const gradient = new Array(features).fill(0);
    let gradientBias = 0;
    for (let i = 0; i < trainX.length; i++) {
      const error = predict(weights, bias, trainX[i]) - trainY[i];
      for (let j = 0; j < features; j++) gradient[j] += error * trainX[i][j];
      gradientBias += error;
    }
    for (let j = 0; j < features; j++) weights[j] -= learningRate * (gradient[j] / trainX.length + l2 * weights[j]);
    bias -= learningRate * (gradientBias / trainX.length);
    if (epoch % reportEvery === 0 || epoch === epochs) {
      const loss = logLoss(weights, bias, trainX, trainY);
      process.stderr.write(`${JSON.stringify({ progress: epoch / epochs, message: `epoch ${epoch}/${epochs}, train log loss ${loss.toFixed(4)}` })}\n`);
    }
    if (sleepMs > 0) await sleep(sleepMs);
  }
  return { weights, bias };
}

async function main() {
  const job = readJob();
  const settings = settingsOf(job);
  const { x, y } = makeDataset(settings);
  const testSize = Math.max(1, Math.round(x.length * settings.testFraction));
  const trainX = x.slice(testSize);
  const trainY = y.slice(testSize);
  const testX = x.slice(0, testSize);
  const testY = y.slice(0, testSize);
  process.stderr.write(`training on ${trainX.length} rows, testing on ${testX.length}, ${settings.features} features\n`);

  const { weights, bias } = await train(settings, trainX, trainY);
  const scores = testX.map((row) => predict(weights, bias, row));
  const correct = scores.reduce((n, p, i) => n + ((p >= 0.5 ? 1 : 0) === testY[i] ? 1 : 0), 0);
  const metrics = {
    accuracy: correct / testX.length,
    log_loss: logLoss(weights, bias, testX, testY),
    auc: auc(scores, testY),
    train_log_loss: logLoss(weights, bias, trainX, trainY),
  };

  const modelName = typeof job.modelName === 'string' ? job.modelName : 'model';
  const jobId = typeof job.jobId === 'string' ? job.jobId : `manual-${Date.now()}`;
  const directory = resolve(settings.artifactDir ?? join('.data', 'artifacts', modelName.replace(/[^A-Za-z0-9_.-]/g, '_'), jobId));
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'logistic-regression.json');
  writeFileSync(file, `${JSON.stringify({ kind: 'logistic-regression', features: settings.features, weights, bias, metrics }, null, 2)}\n`);

  const params = {
    algorithm: 'logistic-regression',
    seed: settings.seed,
    samples: settings.samples,
    features: settings.features,
    epochs: settings.epochs,
    learning_rate: settings.learningRate,
    l2: settings.l2,
    test_fraction: settings.testFraction,
  };
  process.stdout.write(`${JSON.stringify({ metrics, params, artifactUri: pathToFileURL(file).href, tags: { trainer: 'examples/trainers/logistic-regression' } })}\n`);
}

main().catch((error) => fail(`training failed: ${error.stack ?? error}`, 1));
