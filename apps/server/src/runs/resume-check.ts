// Whether this process may resume a run: only with the provider kind, base URL host and tier-to-model mapping the
// run started with, so that a recorded step and its repetition ask the same models of the same service.
import type { ProviderInfo, RunEvent } from '@baton/contracts';

/** Null when the run may resume here; otherwise the reason it may not, in words a person can act on. */
export function resumeMismatch(events: readonly RunEvent[], current: ProviderInfo): string | null {
  const started = events.find((e) => e.type === 'run.started');
  if (!started) return null; // never started: nothing was recorded that another provider could contradict
  const recorded = started.provider;
  const differences: string[] = [];
  if (recorded.kind !== current.kind)
    differences.push(`provider ${describeKind(recorded)}, now ${describeKind(current)}`);
  else if (recorded.baseUrlHost !== current.baseUrlHost) {
    differences.push(`base URL host ${recorded.baseUrlHost ?? 'OpenAI'}, now ${current.baseUrlHost ?? 'OpenAI'}`);
  }
  for (const tier of ['fast', 'balanced', 'deep'] as const) {
    if (recorded.models[tier] !== current.models[tier]) {
      differences.push(`${tier} model ${recorded.models[tier]}, now ${current.models[tier]}`);
    }
  }
  if (differences.length === 0) return null;
  return (
    `The run started with other model settings than this server has (${differences.join('; ')}). ` +
    'Restore those settings and resume it.'
  );
}

function describeKind(info: ProviderInfo): string {
  return info.kind === 'simulated' ? 'simulated (no OPENAI_API_KEY)' : info.kind;
}
