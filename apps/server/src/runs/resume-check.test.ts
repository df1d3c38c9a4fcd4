import type { ProviderInfo, RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { resumeMismatch } from './resume-check';

const openai: ProviderInfo = {
  kind: 'openai',
  simulated: false,
  baseUrlHost: 'api.openai.com',
  models: { fast: 'a', balanced: 'b', deep: 'c' },
};
const started = (provider: ProviderInfo) => [{ type: 'run.started', provider } as unknown as RunEvent];

describe('resumeMismatch', () => {
  it('lets a run resume only with the provider kind, base URL host and models it started with', () => {
    expect(resumeMismatch(started(openai), openai)).toBeNull();
    expect(resumeMismatch([], { ...openai, kind: 'simulated' })).toBeNull();
    expect(resumeMismatch(started(openai), { ...openai, baseUrlHost: 'localhost' })).toContain(
      'base URL host api.openai.com, now localhost',
    );
    expect(resumeMismatch(started(openai), { ...openai, models: { ...openai.models, deep: 'x' } })).toContain(
      'deep model c, now x',
    );
    const keyless = resumeMismatch(started(openai), {
      ...openai,
      kind: 'simulated',
      simulated: true,
      baseUrlHost: null,
    });
    expect(keyless).toContain('provider openai, now simulated (no OPENAI_API_KEY)');
    expect(keyless).toContain('Restore those settings and resume it.');
  });
});
