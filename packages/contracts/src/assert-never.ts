// Ends every switch over a discriminated union, so that a new kind is a compile error until handled.
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
