// A replayed case as text: one line with its verdict, then (unless it passed) the step-level diff: each diverged
// step with what changed in its inputs, the steps not reached, the routes and, live, the outputs that changed.
import type { StepVerdict, TestCaseResult, TestCaseVerdict } from '@baton/contracts';
import { assertNever } from '@baton/contracts';

const LABEL: Record<TestCaseVerdict, string> = { passed: 'PASS', failed: 'FAIL', diverged: 'DIVERGED' };

export function caseLines(result: TestCaseResult, file: string): string[] {
  const count = (status: StepVerdict['status']) => result.steps.filter((s) => s.status === status).length;
  const head =
    `${LABEL[result.verdict].padEnd(8)} ${result.name}  (${file}: ${count('reused')} reused, ` +
    `${count('diverged')} diverged, ${count('not_reached')} not reached; ${result.modelCalls} model calls, ` +
    `${Math.round(result.durationMs)} ms)`;
  const lines = [head];
  for (const failure of result.failures) lines.push(`  ✗ ${failure.message}`);
  if (result.verdict === 'passed' && !result.live) return lines;
  for (const step of result.steps) lines.push(...stepLines(step));
  for (const route of result.routes) {
    if (route.expected !== null && route.expected !== route.replayed) {
      lines.push(`  route ${route.router}: expected ${route.expected}, took ${route.replayed ?? 'none'}`);
    }
  }
  return lines;
}

function stepLines(step: StepVerdict): string[] {
  const name = `  ${step.stepKey} (${step.agentName})`;
  switch (step.status) {
    case 'reused':
      return [];
    case 'not_reached':
      return [`${name}: not reached`];
    case 'diverged': {
      const lines = [`${name}: diverged${step.called ? ', called live' : ''}`];
      for (const change of step.changes) {
        lines.push(`      ${change.message}`);
        if (change.recorded !== undefined) lines.push(`        recorded: ${oneLine(change.recorded)}`);
        if (change.current !== undefined) lines.push(`        now:      ${oneLine(change.current)}`);
      }
      if (
        step.called &&
        step.output !== undefined &&
        JSON.stringify(step.output) !== JSON.stringify(step.recordedOutput)
      ) {
        lines.push(`      output recorded: ${oneLine(text(step.recordedOutput))}`);
        lines.push(`      output now:      ${oneLine(text(step.output))}`);
      }
      return lines;
    }
    default:
      return assertNever(step.status, 'step verdict');
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function oneLine(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

export function summaryLine(results: readonly TestCaseResult[]): string {
  const n = (verdict: TestCaseVerdict) => results.filter((r) => r.verdict === verdict).length;
  const calls = results.reduce((sum, r) => sum + r.modelCalls, 0);
  return (
    `${results.length} case${results.length === 1 ? '' : 's'}: ${n('passed')} passed, ${n('failed')} failed, ` +
    `${n('diverged')} diverged; ${calls} model call${calls === 1 ? '' : 's'}.`
  );
}
