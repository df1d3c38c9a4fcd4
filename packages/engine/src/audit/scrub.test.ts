// The scrubber: literal secrets replaced in text and JSON values, and streamed text scrubbed as one text.
import { describe, expect, it } from 'vitest';
import { REDACTED_TEXT, StreamScrubber, scrubValue, secretScrubber } from './scrub';

const KEY = 'sk-test-abcabd-0123456789';
const TOKEN = 'token-31415926';

function scrubber(secrets = [KEY, TOKEN]) {
  const made = secretScrubber(secrets);
  if (!made) throw new Error('expected a scrubber');
  return made;
}

/** A tiny deterministic generator, so that a failing split can be reproduced from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function splitIntoChunks(text: string, next: () => number, max = 4): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(next() * max);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

describe('secretScrubber', () => {
  it('replaces every occurrence of every secret, and ignores secrets too short to matter', () => {
    const s = scrubber([KEY, 'short']);
    expect(s.scrub(`a ${KEY} b ${KEY} short`)).toBe(`a ${REDACTED_TEXT} b ${REDACTED_TEXT} short`);
    expect(secretScrubber(['short', ''])).toBeNull();
  });

  it('replaces a secret that contains another one whole', () => {
    const s = scrubber(['inner-secret', 'outer-inner-secret-x']);
    expect(s.scrub('outer-inner-secret-x')).toBe(REDACTED_TEXT);
  });

  it('tells how much of the end of a text could begin a secret', () => {
    const s = scrubber();
    expect(s.partialSecretAtEnd('hello sk-te')).toBe(5);
    expect(s.partialSecretAtEnd('hello')).toBe(0);
    expect(s.partialSecretAtEnd(`x${KEY.slice(0, -1)}`)).toBe(KEY.length - 1);
    // "abcab" ends "...abcab": the longest start of the key it could be is the whole "sk-test-abcab".
    expect(s.partialSecretAtEnd('sk-test-abcab')).toBe('sk-test-abcab'.length);
  });
});

describe('scrubValue', () => {
  it('scrubs strings and keys deep inside, and returns an untouched value as the same object', () => {
    const s = scrubber();
    const clean = { a: [1, 'two', { three: null }], b: true };
    expect(scrubValue(clean, s)).toBe(clean);
    const dirty = { list: ['ok', `key=${KEY}`], nested: { [TOKEN]: { deep: [TOKEN] } }, n: 3 };
    const out = scrubValue(dirty, s);
    expect(out).toEqual({
      list: ['ok', `key=${REDACTED_TEXT}`],
      nested: { [REDACTED_TEXT]: { deep: [REDACTED_TEXT] } },
      n: 3,
    });
    expect(JSON.stringify(dirty)).toContain(KEY); // the input is not changed in place
    expect(out.list).not.toBe(dirty.list);
  });
});

describe('StreamScrubber', () => {
  const text = `Here it is: ${KEY}, and again ${KEY}${KEY} and the token ${TOKEN}. sk-test-abcabc is not it. sk-`;

  it('lets no secret out, whole or in joined parts, however the text is split into 1 to 4 character chunks', () => {
    const s = scrubber();
    for (let seed = 1; seed <= 300; seed++) {
      const chunks = splitIntoChunks(text, random(seed));
      const stream = new StreamScrubber(s);
      const out: string[] = [];
      for (const chunk of chunks) {
        out.push(stream.push(chunk));
        expect(stream.pending).toBeLessThan(KEY.length);
      }
      out.push(stream.end());
      const joined = out.join('');
      expect(joined, `seed ${seed}`).toBe(s.scrub(text));
      expect(joined).not.toContain(KEY);
      expect(joined).not.toContain(TOKEN);
    }
  });

  it('holds back only what could still begin a secret, and lets it out at the end', () => {
    const stream = new StreamScrubber(scrubber());
    expect(stream.push('hello ')).toBe('hello ');
    expect(stream.push('sk-te')).toBe('');
    expect(stream.push('x')).toBe('sk-tex');
    expect(stream.push(' and sk-test-')).toBe(' and ');
    expect(stream.end()).toBe('sk-test-');
    expect(stream.end()).toBe('');
  });

  it('lets a secret arriving one character at a time out as one replacement', () => {
    const stream = new StreamScrubber(scrubber());
    const out = [...`<${KEY}>`].map((c) => stream.push(c));
    out.push(stream.end());
    expect(out.join('')).toBe(`<${REDACTED_TEXT}>`);
    // Nothing of the key was let out before it was known whole.
    expect(out.slice(0, KEY.length).join('')).toBe('<');
  });
});
