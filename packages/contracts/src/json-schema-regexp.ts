// Regular expressions of user schemas run on RE2 (re2js, pure JS): linear time, so no pattern can block a thread.
import { RE2JS } from 're2js';
import type { JsonPath } from './graph/issues';

/** What Ajv's `code.regExp` option takes: a constructor-like function with the `code` standalone output would use. */
export interface LinearRegExpEngine {
  (pattern: string, flags: string): { test(text: string): boolean };
  code: string;
}

/** Thrown from inside a validation when its patterns have read their whole allowance; `validateJson` catches it. */
export class PatternBudgetExceeded extends Error {
  constructor() {
    super('The patterns of the schema read more characters than one validation may.');
    this.name = new.target.name;
  }
}

/** Characters the patterns of the validation now running may still read; `undefined` outside `withPatternBudget`. */
let remaining: number | undefined;

/**
 * Runs `validate` with an allowance of characters its patterns may read in all (every `test` charges the length
 * of the text it reads). RE2 reads each character a bounded number of times, so this bounds the time too.
 * Validation is synchronous, so one module-level counter serves every caller.
 */
export function withPatternBudget<T>(chars: number, validate: () => T): T {
  const outer = remaining;
  remaining = chars;
  try {
    return validate();
  } finally {
    remaining = outer;
  }
}

class LinearPattern {
  readonly #re2: RE2JS;
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
    this.#re2 = RE2JS.compile(RE2JS.translateRegExp(withEcmaClasses(source)));
  }

  test(text: string): boolean {
    if (remaining !== undefined) {
      remaining -= text.length;
      if (remaining < 0) throw new PatternBudgetExceeded();
    }
    return this.#re2.test(text);
  }

  /** Ajv keys its compiled patterns by this: one per source. */
  toString(): string {
    return `re2:${this.#source}`;
  }
}

/** What `\s` matches in ECMAScript (RE2's own `\s` is ASCII only), as the inside of a character class. */
const ECMA_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** What `.` matches in ECMAScript: all but line terminators (RE2's `.` leaves out only `\n`). */
const ECMA_DOT = '[^\\n\\r\\u2028\\u2029]';

/**
 * JSON Schema patterns are ECMAScript regular expressions; RE2 reads most of them alike once re2js has translated
 * the syntax, but not `.` and `\s`. Spelled out as classes, they match what ECMAScript's do. (`\S` inside a class
 * stays RE2's ASCII one: a negated set cannot be spelled inside another class.)
 */
export function withEcmaClasses(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === 's') out += inClass ? ECMA_SPACE : `[${ECMA_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${ECMA_SPACE}]`;
      else out += c + next;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else out += c === '.' ? ECMA_DOT : c;
  }
  return out;
}

/** The engine for Ajv. Ajv's `u` flag needs no counterpart: RE2 always matches by code point. */
export const linearRegExp: LinearRegExpEngine = Object.assign((pattern: string) => new LinearPattern(pattern), {
  code: 'linearRegExp',
});

/** Why RE2 cannot take `pattern`, in a sentence; undefined when it can. */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    new LinearPattern(pattern);
    return undefined;
  } catch (error) {
    return `The pattern ${JSON.stringify(clip(pattern))} cannot be used: ${reason((error as Error).message)}`;
  }
}

function reason(re2Message: string): string {
  if (/unsupported Perl syntax: `\(\?[=!]|invalid named capture: `\(\?<[=!]/.test(re2Message)) {
    return 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported, because patterns run on a linear-time engine (RE2).';
  }
  if (/invalid escape sequence: `\\[1-9]/.test(re2Message)) {
    return 'backreferences (\\1, \\2...) are not supported, because patterns run on a linear-time engine (RE2).';
  }
  if (/invalid repeat count/.test(re2Message)) {
    return 'a repetition count is over 1,000 (counts multiply when repetitions are nested).';
  }
  return `it is not a valid regular expression (${re2Message.replace(/^error parsing regexp: /, '')}).`;
}

function clip(pattern: string): string {
  return pattern.length > 60 ? `${pattern.slice(0, 57)}...` : pattern;
}

/** Where a schema's regular expressions are: `pattern` values and the keys of `patternProperties`. */
export interface SchemaPattern {
  path: JsonPath;
  pattern: string;
}

/** The regular expressions a schema object declares directly (its subschemas are walked by the caller). */
export function patternsOf(schema: Record<string, unknown>, path: JsonPath): SchemaPattern[] {
  const found: SchemaPattern[] = [];
  if (typeof schema.pattern === 'string') found.push({ path: [...path, 'pattern'], pattern: schema.pattern });
  const properties = schema.patternProperties;
  if (typeof properties === 'object' && properties !== null && !Array.isArray(properties)) {
    for (const key of Object.keys(properties)) found.push({ path: [...path, 'patternProperties', key], pattern: key });
  }
  return found;
}
