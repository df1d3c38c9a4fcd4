// Turns Ajv's validation errors into a JSON path inside the value and a sentence a person understands.
import type { ErrorObject } from 'ajv/dist/2020';
import type { JsonPath } from './graph/issues';

export interface JsonSchemaIssue {
  /** Where in the validated value: `['key_findings', 0]`; `[]` for the value itself. */
  path: JsonPath;
  message: string;
}

export function jsonSchemaIssue(error: ErrorObject, value: unknown): JsonSchemaIssue {
  const path = pointerToPath(error.instancePath, value);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'This required property is missing.' };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: 'This property is not allowed here.' };
    case 'unevaluatedProperties':
      return { path: [...path, String(params.unevaluatedProperty)], message: 'This property is not allowed here.' };
    case 'dependentRequired':
    case 'dependencies':
      return {
        path: [...path, String(params.missingProperty)],
        message: `This property is required when "${String(params.property)}" is present.`,
      };
    default:
      return { path, message: describe(error, params, valueAt(value, path)) };
  }
}

function describe(error: ErrorObject, params: Record<string, unknown>, actual: unknown): string {
  switch (error.keyword) {
    case 'type':
      return `Expected ${listTypes(String(params.type))}, got ${typeOf(actual)}.`;
    case 'enum':
      return `Expected one of ${(params.allowedValues as unknown[]).map(short).join(', ')}.`;
    case 'const':
      return `Expected exactly ${short(params.allowedValue)}.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `Expected a number ${COMPARISONS[String(params.comparison)] ?? params.comparison} ${params.limit}, got ${short(actual)}.`;
    case 'multipleOf':
      return `Expected a multiple of ${params.multipleOf}.`;
    case 'minLength':
      return `Expected at least ${plural(params.limit, 'character')}.`;
    case 'maxLength':
      return `Expected at most ${plural(params.limit, 'character')}.`;
    case 'minItems':
      return `Expected at least ${plural(params.limit, 'item')}.`;
    case 'maxItems':
      return `Expected at most ${plural(params.limit, 'item')}.`;
    case 'minProperties':
      return `Expected at least ${plural(params.limit, 'property', 'properties')}.`;
    case 'maxProperties':
      return `Expected at most ${plural(params.limit, 'property', 'properties')}.`;
    case 'uniqueItems':
      return `Items ${params.j} and ${params.i} are equal; the items must be unique.`;
    case 'pattern':
      return `Expected text matching the pattern ${short(params.pattern)}.`;
    case 'format':
      return `Expected a valid ${String(params.format)}.`;
    case 'anyOf':
      return 'Does not match any of the allowed forms.';
    case 'oneOf':
      return params.passingSchemas
        ? 'Matches more than one of the allowed forms.'
        : 'Does not match any of the allowed forms.';
    case 'not':
      return 'Matches a form that is not allowed here.';
    case 'false schema':
      return 'No value is allowed here.';
    case 'propertyNames':
      return `The property name "${String(params.propertyName)}" is not allowed.`;
    case 'contains':
      return `Expected at least ${plural(params.minContains ?? 1, 'item')} matching the schema.`;
    default: {
      const text = error.message ?? 'is not valid';
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    }
  }
}

const COMPARISONS: Record<string, string> = {
  '>=': 'of at least',
  '<=': 'of at most',
  '>': 'greater than',
  '<': 'less than',
};

function listTypes(types: string): string {
  const names = types.split(',').map((type) => (type === 'null' ? 'null' : `${article(type)} ${type}`));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? 'a value');
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return 'nothing';
}

function plural(count: unknown, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A value for a message: JSON, cut short so that a huge value cannot flood the message. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `/key_findings/0` -> `['key_findings', 0]`: a segment is a number only where the value there is an array. */
export function pointerToPath(pointer: string, value: unknown): JsonPath {
  if (pointer === '') return [];
  const path: JsonPath = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current =
        typeof current === 'object' && current !== null && Object.hasOwn(current, segment)
          ? (current as Record<string, unknown>)[segment]
          : undefined;
    }
  }
  return path;
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
