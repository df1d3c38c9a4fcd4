// Input guards run before anything else reads a JSON value: size, nesting depth, JSON syntax and forbidden keys.
// Graph documents use them with the graph's limits; request bodies and validated values with their own.
import { GRAPH_LIMITS } from './graph';
import type { GraphIssue, JsonPath } from './issues';

export type GuardResult = { ok: true; value: unknown } | { ok: false; issues: GraphIssue[] };

/** How much JSON a guard accepts, and how its sentences name what it guards. */
export interface JsonLimits {
  /** Bytes of JSON text (UTF-8), or an estimate of them for a parsed value. */
  bytes: number;
  /** Levels of objects and arrays; the value itself is level 1. */
  depth: number;
  /** Begins the sentences: "The document", "The request body". */
  subject: string;
  /** Ends them: "a graph", "a request body". */
  noun: string;
  /** `__proto__` keys: refused where the value is built into objects (a graph), allowed where it is only read. */
  protoKeys: 'refuse' | 'allow';
}

export const GRAPH_JSON_LIMITS: JsonLimits = {
  bytes: GRAPH_LIMITS.bytes,
  depth: GRAPH_LIMITS.depth,
  subject: 'The document',
  noun: 'a graph',
  protoKeys: 'refuse',
};

/** Checks JSON text (size, syntax, depth: all without recursion) and parses it. */
export function parseJsonText(text: string, limits: JsonLimits = GRAPH_JSON_LIMITS): GuardResult {
  const problem = checkJsonText(text, limits);
  if (problem) return { ok: false, issues: [problem] };
  return { ok: true, value: JSON.parse(text) };
}

/** The size, syntax and depth checks of `parseJsonText` without parsing: the first problem, or undefined. */
/**
 * The size, syntax, depth and `__proto__` checks of `parseJsonText` without parsing: the first problem, or
 * undefined. The text's checks cover all of `checkJsonValue`'s, so a value parsed from text that passes needs no
 * second walk.
 */
export function checkJsonText(text: string, limits: JsonLimits = GRAPH_JSON_LIMITS): GraphIssue | undefined {
  const bytes = utf8Length(text, limits.bytes);
  if (bytes > limits.bytes) return { code: 'too_large', path: [], message: tooLargeMessage(bytes, limits) };
  const problem = scanJson(text, limits.depth, limits.protoKeys === 'refuse');
  if (!problem) return undefined;
  const message =
    problem.code === 'too_deep'
      ? tooDeepMessage(limits)
      : problem.code === 'invalid_shape'
        ? `The key "__proto__" is not allowed in ${limits.noun}.`
        : problem.message;
  return { code: problem.code, path: problem.path, message };
}

/**
 * Checks a parsed value: nesting depth, an estimate of its size as JSON, and (with `protoKeys: 'refuse'`)
 * `__proto__` keys, which some object builders would turn into a prototype. Iterative, so any nesting is safe,
 * and linear: each entry points at its parent, and a path is built only for the problem reported.
 */
export function checkJsonValue(value: unknown, limits: JsonLimits = GRAPH_JSON_LIMITS): GuardResult {
  const stack: Walked[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  const seen = new Set<object>();
  let size = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    size += jsonSize(item.value);
    if (size > limits.bytes) return refuse('too_large', [], tooLargeMessage(size, limits));
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= limits.depth) return refuse('too_deep', pathOf(item), tooDeepMessage(limits));
    if (seen.has(item.value)) continue;
    seen.add(item.value);
    if (Array.isArray(item.value)) {
      for (let index = item.value.length - 1; index >= 0; index--) {
        stack.push({ value: item.value[index], depth: item.depth + 1, parent: item, key: index });
      }
    } else {
      for (const [key, member] of Object.entries(item.value)) {
        if (key === '__proto__' && limits.protoKeys === 'refuse') {
          return refuse(
            'invalid_shape',
            [...pathOf(item), key],
            `The key "__proto__" is not allowed in ${limits.noun}.`,
          );
        }
        size += key.length + 3;
        stack.push({ value: member, depth: item.depth + 1, parent: item, key });
      }
    }
  }
  return { ok: true, value };
}

type Walked = { value: unknown; depth: number; parent: Walked | undefined; key: string | number | undefined };

function pathOf(item: Walked): JsonPath {
  const path: JsonPath = [];
  for (let at: Walked | undefined = item; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** About what `value` adds to the JSON text, its members aside: the text itself and a separator. */
function jsonSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (typeof value === 'number') return String(value).length + 1;
  if (typeof value === 'boolean') return 6;
  return value === null ? 5 : 3;
}

function refuse(code: GraphIssue['code'], path: GraphIssue['path'], message: string): GuardResult {
  return { ok: false, issues: [{ code, path, message }] };
}

function tooLargeMessage(bytes: number, limits: JsonLimits): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${limits.subject} is too large (${mb(bytes)}): ${limits.noun} can be at most ${mb(limits.bytes)} of JSON.`;
}

function tooDeepMessage(limits: JsonLimits): string {
  return `${limits.subject} is nested too deeply: ${limits.noun} can nest objects and arrays at most ${limits.depth} levels deep.`;
}

function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length; // every character is at least one byte
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

type ScanProblem = { code: 'invalid_json' | 'too_deep' | 'invalid_shape'; message: string; path: JsonPath };
type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * A JSON syntax check with an explicit stack instead of recursion, so a 10,000-deep document is refused,
 * not a stack overflow; and, unlike JSON.parse's messages, it says where the text goes wrong.
 */
export function scanJson(text: string, maxDepth: number, refuseProtoKeys = false): ScanProblem | undefined {
  const open: string[] = [];
  // Where each open container is inside its parent: an array index, or the key's start and end in the text.
  const where: (number | [number, number])[] = [];
  const counts: number[] = [];
  let lastKey: [number, number] = [0, 0];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (what: string, at = i): ScanProblem => ({
    code: 'invalid_json',
    message: invalidAt(text, what, at),
    path: [],
  });
  while (true) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) break;
    const c = text[i]!;
    if (expect === 'end') return fail(`unexpected ${quote(c)} after the end of the document`);
    if (expect === 'colon') {
      if (c !== ':') return fail(`expected ":" after a property name, found ${quote(c)}`);
      i++;
      expect = 'value';
    } else if (expect === 'comma-or-end') {
      const top = open.at(-1);
      const close = top === '{' ? '}' : ']';
      if (c === ',') {
        expect = top === '{' ? 'key' : 'value';
        if (top === '[') counts[counts.length - 1]!++;
      } else if (c === close) {
        open.pop();
        where.pop();
        counts.pop();
        expect = afterValue(open);
      } else return fail(`expected "," or "${close}", found ${quote(c)}`);
      i++;
    } else if (expect === 'key' || expect === 'key-or-end') {
      if (c === '}' && expect === 'key-or-end') {
        open.pop();
        where.pop();
        counts.pop();
        i++;
        expect = afterValue(open);
      } else if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.what, end.at);
        lastKey = [i, end];
        if (refuseProtoKeys && isProtoKey(text, i, end)) {
          const path = scannedPath(text, [...where, lastKey]);
          return { code: 'invalid_shape', message: 'a __proto__ key', path };
        }
        i = end;
        expect = 'colon';
      } else return fail(`expected a property name in double quotes, found ${quote(c)}`);
    } else if (c === ']' && expect === 'value-or-end') {
      open.pop();
      where.pop();
      counts.pop();
      i++;
      expect = afterValue(open);
    } else if (c === '{' || c === '[') {
      const at = open.length === 0 ? undefined : open.at(-1) === '[' ? counts.at(-1)! : lastKey;
      if (open.length >= maxDepth) {
        return { code: 'too_deep', message: 'nested too deeply', path: scannedPath(text, [...where, at!]) };
      }
      if (at !== undefined) where.push(at);
      open.push(c);
      counts.push(0);
      i++;
      expect = c === '{' ? 'key-or-end' : 'value-or-end';
    } else if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.what, end.at);
      i = end;
      expect = afterValue(open);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail('a malformed number');
      i = NUMBER.lastIndex;
      expect = afterValue(open);
    } else if (LITERALS[c] && text.startsWith(LITERALS[c], i)) {
      i += LITERALS[c].length;
      expect = afterValue(open);
    } else return fail(`unexpected ${quote(c)}`);
  }
  if (expect !== 'end') return fail('the text ends before the document does', text.length);
  return undefined;
}

/** Whether the key between `start` and `end` (quotes included) is `__proto__`, written plainly or with escapes. */
function isProtoKey(text: string, start: number, end: number): boolean {
  if (end - start === 11) return text.startsWith('"__proto__"', start);
  if (end - start < 11) return false;
  const key = text.slice(start, end);
  return key.includes('\\') && JSON.parse(key) === '__proto__';
}

/** Keys longer than this are cut in paths, so that a refusal never echoes a megabyte-long key. */
const PATH_KEY_CHARS = 100;

function scannedPath(text: string, where: readonly (number | [number, number])[]): JsonPath {
  return where.map((part) => {
    if (typeof part === 'number') return part;
    const key = JSON.parse(text.slice(part[0], part[1])) as string;
    return key.length > PATH_KEY_CHARS ? `${key.slice(0, PATH_KEY_CHARS)}...` : key;
  });
}

function afterValue(open: string[]): Expect {
  return open.length === 0 ? 'end' : 'comma-or-end';
}

/** Returns the index after the closing quote, or what is wrong and where. */
function scanString(text: string, start: number): number | { what: string; at: number } {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { what: 'a control character inside a string', at: i };
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { what: 'a malformed \\u escape', at: i };
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return { what: 'a malformed escape in a string', at: i };
      i += 2;
      continue;
    }
    i++;
  }
  return { what: 'a string that is never closed', at: start };
}

function quote(c: string): string {
  return JSON.stringify(c);
}

function invalidAt(text: string, what: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `The text is not valid JSON: ${what} at line ${line}, column ${at - lineStart + 1} (position ${at}).`;
}
