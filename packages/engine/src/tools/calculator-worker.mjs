// The calculator's worker thread: evaluates one expression with a locked-down mathjs and posts the result back.
// Plain JavaScript so that a worker needs no TypeScript loader. The parent kills this thread at its time limit,
// so a runaway expression (zeros(1e5, 1e5), factorial of a huge BigNumber) never blocks the run's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { all, create } from 'mathjs';

const math = create(all, { number: 'number' });
const evaluate = math.evaluate;

// mathjs's security guide: these alter the instance or parse arbitrary input into manipulable expression trees.
// Random ones go too, so that a call's result depends on its arguments only (replays equal the first run).
const DISABLED = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'resolve',
  'rationalize',
  'leafCount',
  'chain',
  'random',
  'randomInt',
  'pickRandom',
];
const disabled = Object.fromEntries(
  DISABLED.map((name) => [
    name,
    () => {
      throw new Error(`The function ${name} is disabled in the calculator.`);
    },
  ]),
);
math.import(disabled, { override: true });

const { maxResultChars, maxElements } = workerData;

function size(value) {
  if (value && typeof value.size === 'function') return value.size().reduce((a, b) => a * b, 1);
  return 1;
}

function run(expression) {
  const value = evaluate(expression, {});
  if (typeof value === 'function') throw new Error('The expression defines a function; give one to evaluate.');
  if (size(value) > maxElements) throw new Error(`The result has more than ${maxElements} elements.`);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error('The result is not a finite number.');
  }
  const text = math.format(value, { precision: 14 });
  if (text.length > maxResultChars) throw new Error(`The result is longer than ${maxResultChars} characters.`);
  return text;
}

parentPort.postMessage({ ready: true });
parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, ok: true, result: run(message.expression) });
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
