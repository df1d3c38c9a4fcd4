// Who decides a low-confidence handoff: a person at the terminal, or the `--on-escalation` policy when none can be asked.
import { createInterface } from 'node:readline/promises';
import { assertNever, formatJsonPath, type JsonValue } from '@baton/contracts';
import { type EscalationHandler, type EscalationRequest, validateHandoffPayload } from '@baton/engine';
import type { Output } from '../output';
import { printable } from '../terminal-text';

export type EscalationPolicy = 'fail' | 'approve' | 'reject';
export const ESCALATION_POLICIES: readonly EscalationPolicy[] = ['fail', 'approve', 'reject'];

/**
 * `fail` never decides: the branch stays waiting, the engine emits `run.waiting` once nothing else can go on, and
 * the run command stops there with the "waiting" exit code. The promise settles only when the run is aborted.
 */
export function policyHandler(policy: EscalationPolicy): EscalationHandler {
  switch (policy) {
    case 'approve':
    case 'reject':
      return async () => ({ decision: policy, note: `Decided by \`baton run --on-escalation ${policy}\`.` });
    case 'fail':
      return (_request, signal) =>
        new Promise((_resolve, reject) => {
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
    default:
      return assertNever(policy, 'escalation policy');
  }
}

export interface PromptHooks {
  /** Called before a question is written (the progress view stops redrawing) and after it is answered. */
  pause(): void;
  resume(): void;
  /** Ctrl+C while a question waits: the readline interface takes the key, so it is handed on here. */
  interrupt(): void;
}

/** Asks the person at the terminal, one escalation at a time: approve, reject, or edit the payload as JSON. */
export function interactiveHandler(output: Output, hooks: PromptHooks): EscalationHandler {
  let queue: Promise<unknown> = Promise.resolve();
  return (request, signal) => {
    const asked = queue.then(() => ask(request, signal, output, hooks));
    queue = asked.catch(() => {});
    return asked;
  };
}

async function ask(request: EscalationRequest, signal: AbortSignal, output: Output, hooks: PromptHooks) {
  signal.throwIfAborted();
  hooks.pause();
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  rl.on('SIGINT', () => hooks.interrupt());
  try {
    output.err(`\nThe handoff on edge "${request.edgeId}" (contract "${request.contract.name}") needs a person.\n`);
    output.err(`  ${request.reason}\n`);
    output.err(
      `  Payload: ${printable(JSON.stringify(request.payload, null, 2))
        .split('\n')
        .join('\n  ')}\n`,
    );
    for (;;) {
      const answer = (await rl.question('Approve, reject or edit? [a/r/e] ', { signal })).trim().toLowerCase();
      if (answer === 'a' || answer === 'approve')
        return { decision: 'approve' as const, note: 'Approved at the terminal.' };
      if (answer === 'r' || answer === 'reject')
        return { decision: 'reject' as const, note: 'Rejected at the terminal.' };
      if (answer === 'e' || answer === 'edit') {
        const payload = await askPayload(rl, request, signal, output);
        if (payload !== undefined) return { decision: 'edit' as const, payload, note: 'Edited at the terminal.' };
      }
    }
  } finally {
    rl.close();
    hooks.resume();
  }
}

/** One line of JSON that keeps the contract, or undefined (the question is asked again). */
async function askPayload(
  rl: ReturnType<typeof createInterface>,
  request: EscalationRequest,
  signal: AbortSignal,
  output: Output,
): Promise<JsonValue | undefined> {
  const text = await rl.question('The payload that goes on instead, as one line of JSON: ', { signal });
  let payload: JsonValue;
  try {
    payload = JSON.parse(text) as JsonValue;
  } catch (error) {
    output.err(`  That is not JSON: ${(error as Error).message}\n`);
    return undefined;
  }
  const check = validateHandoffPayload(request.contract, payload);
  if (check.ok) return payload;
  for (const error of check.errors) output.err(`  ${formatJsonPath(error.path)}: ${error.message}\n`);
  return undefined;
}
