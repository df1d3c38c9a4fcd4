// The scrubbing logger, and the openai SDK's messages through it: one scrubbed line each, whatever they carry.
import { describe, expect, it } from 'vitest';
import { createMemoryLogger, sdkLogger } from './logger';

const KEY = 'sk-logger-canary-918273645';

describe('sdkLogger', () => {
  it('writes each SDK message as one scrubbed line, with the values it passes formatted in', () => {
    const logger = createMemoryLogger([KEY]);
    const sdk = sdkLogger(logger);
    sdk.error('Could not parse message into JSON:', `{"content":"${KEY}"`);
    sdk.warn('retrying', { headers: { authorization: `Bearer ${KEY}` }, nested: { deep: [KEY] } });
    sdk.info('request', 42);
    sdk.debug('details');
    expect(logger.lines).toHaveLength(4);
    expect(logger.lines.join('\n')).not.toContain(KEY);
    expect(logger.lines[0]).toMatch(/ error openai: Could not parse message into JSON: \{"content":"\[redacted\]"$/);
    expect(logger.lines[1]).toMatch(/ warn openai: retrying \{ headers: \{ authorization: 'Bearer \[redacted\]' \}/);
    expect(logger.lines[2]).toMatch(/ info openai: request 42$/);
    expect(logger.lines[3]).toMatch(/ info openai: details$/);
  });
});
