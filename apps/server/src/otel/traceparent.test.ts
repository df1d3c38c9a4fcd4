import { describe, expect, it } from 'vitest';
import { formatTraceParent, parseTraceParent } from './traceparent';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparent', () => {
  it('reads a valid header and writes it back as version 00', () => {
    const parsed = parseTraceParent(`00-${TRACE}-${SPAN}-01`);
    expect(parsed).toEqual({ traceId: TRACE, spanId: SPAN, flags: '01' });
    expect(formatTraceParent(parsed!)).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(parseTraceParent(`cc-${TRACE}-${SPAN}-01-later`)).toMatchObject({ traceId: TRACE });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['upper case', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['extra field in version 00', `00-${TRACE}-${SPAN}-01-x`],
    ['short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
  ])('ignores a %s header', (_, value) => {
    expect(parseTraceParent(value)).toBeNull();
  });
});
