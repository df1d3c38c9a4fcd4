// The `calculator` built-in: mathjs in a worker thread with a time limit, its dangerous functions disabled (see
// calculator-worker.mjs), the expression's length and the result's size capped. Never eval, never Function.
import { Worker } from 'node:worker_threads';
import type { JsonValue } from '@baton/contracts';
import type { ToolCallOptions, ToolDescriptor, ToolResult } from './source';

export const CALCULATOR_LIMITS = {
  /** Longest expression accepted (characters). */
  expressionChars: 1_000,
  /** Longest result returned (characters of its formatted text). */
  resultChars: 10_000,
  /** Most elements of a matrix result. */
  elements: 10_000,
  /** Wall time of one evaluation, worker start included, before the worker is killed. */
  timeMs: 2_000,
  /** Heap of the worker: an expression that allocates past it dies at once instead of swapping. */
  heapMb: 64,
} as const;

export const CALCULATOR: ToolDescriptor = {
  name: 'calculator',
  description:
    'Evaluates a mathematical expression (arithmetic, functions such as sqrt, sin, log, units, matrices) and returns the result as text.',
  inputSchema: {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        minLength: 1,
        maxLength: CALCULATOR_LIMITS.expressionChars,
        description: 'The expression, e.g. "sqrt(16) * 2" or "5 cm to inch".',
        examples: ['sqrt(16) * 2'],
      },
    },
    required: ['expression'],
    additionalProperties: false,
  },
  sideEffects: false,
};

const WORKER_URL = new URL('./calculator-worker.mjs', import.meta.url);

/** Evaluates `args.expression` (already validated against the input schema). Throws with a sentence on failure. */
export async function runCalculator(args: JsonValue, options: ToolCallOptions): Promise<ToolResult> {
  const expression = (args as { expression: string }).expression;
  if (expression.length > CALCULATOR_LIMITS.expressionChars) {
    throw new Error(`The expression is longer than ${CALCULATOR_LIMITS.expressionChars} characters.`);
  }
  const text = await evaluateInWorker(expression, options.signal);
  return { content: [{ type: 'text', text }] };
}

interface Reply {
  ok: boolean;
  result?: string;
  error?: string;
}

/**
 * A worker with mathjs loaded, ready for one evaluation at a time. Loading mathjs takes a few hundred ms, so an idle
 * worker is kept warm and reused; one that ran past its time limit or was aborted is killed (the only way to stop a
 * synchronous evaluation) and never reused. Each evaluation gets a fresh scope, and the functions that could change
 * the instance are disabled, so nothing carries over from one call to the next.
 */
class CalculatorWorker {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending: ((reply: Reply) => void) | null = null;
  dead = false;

  constructor() {
    this.worker = new Worker(WORKER_URL, {
      workerData: { maxResultChars: CALCULATOR_LIMITS.resultChars, maxElements: CALCULATOR_LIMITS.elements },
      resourceLimits: { maxOldGenerationSizeMb: CALCULATOR_LIMITS.heapMb, maxYoungGenerationSizeMb: 16 },
      // Plain JavaScript: none of the parent's flags (a TypeScript loader, --input-type) belong in it.
      execArgv: [],
    });
    let markReady: () => void = () => {};
    let failStart: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => {});
    this.worker.on('message', (message: Reply & { ready?: boolean }) => {
      if (message.ready) return markReady();
      const pending = this.pending;
      this.pending = null;
      pending?.(message);
    });
    const died = (error: Error & { code?: string }) => {
      this.dead = true;
      const text =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'The calculation needed more memory than the calculator allows and was stopped.'
          : `The calculator stopped: ${error.message}`;
      failStart(new Error(text));
      const pending = this.pending;
      this.pending = null;
      pending?.({ ok: false, error: text });
    };
    this.worker.on('error', died);
    this.worker.on('exit', () => died(new Error('its thread ended')));
    // A warm worker waiting for the next call must not keep the process (the CLI, a test) alive; unref after the
    // listeners, which ref the worker's port again. A call in flight holds it (`hold`).
    this.worker.unref();
  }

  evaluate(expression: string): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      this.pending = resolve;
      this.worker.postMessage({ expression });
    });
  }

  /** Keeps the process alive while a call waits on this worker (`release` when it is over). */
  hold(): void {
    this.worker.ref();
  }

  release(): void {
    if (!this.dead) this.worker.unref();
  }

  kill(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}

let idle: CalculatorWorker | null = null;

function takeWorker(): CalculatorWorker {
  const worker = idle && !idle.dead ? idle : new CalculatorWorker();
  idle = null;
  return worker;
}

function giveBack(worker: CalculatorWorker): void {
  if (worker.dead) return;
  if (idle && !idle.dead) worker.kill();
  else idle = worker;
}

/** The time limit counts from when the expression reaches a ready worker, not the worker's start. */
async function evaluateInWorker(expression: string, signal: AbortSignal): Promise<string> {
  if (signal.aborted) throw abortReason(signal);
  const worker = takeWorker();
  worker.hold();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => {});
  let reply: Reply;
  try {
    await Promise.race([worker.ready, stopped]);
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The calculation took longer than ${CALCULATOR_LIMITS.timeMs} ms and was stopped.`)),
        CALCULATOR_LIMITS.timeMs,
      );
    });
    reply = await Promise.race([worker.evaluate(expression), stopped, limit]);
  } catch (error) {
    if (!worker.dead) {
      worker.kill();
      // Warm the next one now, so that the next call's wait is not the cost of this one's failure.
      idle ??= new CalculatorWorker();
    }
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
    worker.release();
  }
  // The worker answered (a result or an error of the expression's own): it can take the next call.
  giveBack(worker);
  if (!reply.ok) throw new Error(reply.error ?? 'The calculation failed.');
  return reply.result!;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The tool call was cancelled.');
}
